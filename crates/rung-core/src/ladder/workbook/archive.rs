//! A workbook's zip, unpacked once under the limits before calamine sees it: how many
//! files it packs, how many bytes they unpack to (counted as they unpack: the sizes a
//! zip declares can lie), and, through the format's scanner, what its XML claims.

use std::io::{self, BufReader, Cursor, Read};

use super::{ods_scan, xlsx_scan, Format};
use crate::ladder::limits::{Bound, Budget, OverLimit};

/// Why a workbook is refused before it is opened.
#[derive(Debug)]
pub(super) enum Refusal {
    Over(OverLimit),
    /// The zip or its XML does not read (the message is the library's).
    Broken(String),
}

impl From<Bound> for Refusal {
    fn from(bound: Bound) -> Refusal {
        Refusal::Over(OverLimit { bound, place: String::new() })
    }
}

/// Reads every file of the zip under the limits; `Ok` means calamine can open it and
/// allocate no more than the limits allow.
pub(super) fn check(bytes: &[u8], format: Format) -> Result<(), Refusal> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| Refusal::Broken(error.to_string()))?;
    if archive.len() as u64 > Bound::ArchiveEntries.limit() {
        return Err(Bound::ArchiveEntries.into());
    }
    let mut unpacked = Budget::new(Bound::UnpackedBytes);
    let shared_strings = match format {
        Format::Xlsx => match index_of(&mut archive, |name| name.ends_with("sharedstrings.xml")) {
            Some(index) => with_entry(&mut archive, index, &mut Budget::new(Bound::UnpackedBytes), |reader, _| {
                xlsx_scan::shared_string_lengths(reader)
            })?,
            None => Vec::new(),
        },
        Format::Ods => Vec::new(),
    };
    let mut cells = xlsx_scan::Cells::new(&shared_strings);
    for index in 0..archive.len() {
        with_entry(&mut archive, index, &mut unpacked, |reader, name| match format {
            Format::Xlsx if name.ends_with(".xml") => cells.scan(reader),
            Format::Ods if name == "content.xml" => ods_scan::scan(reader),
            _ => io::copy(reader, &mut io::sink()).map(drop).map_err(|error| Refusal::Broken(error.to_string())),
        })?;
    }
    Ok(())
}

fn index_of(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, wanted: impl Fn(&str) -> bool) -> Option<usize> {
    (0..archive.len()).find(|&index| {
        archive.name_for_index(index).is_some_and(|name| name.is_ok_and(|name| wanted(&name.to_ascii_lowercase())))
    })
}

/// Runs `read` over one unpacked file (its name in lower case), charging what it
/// unpacks to `unpacked`; the declared size is checked first so an honest bomb is
/// refused without unpacking anything.
fn with_entry<T>(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    index: usize,
    unpacked: &mut Budget,
    read: impl FnOnce(&mut dyn io::BufRead, &str) -> Result<T, Refusal>,
) -> Result<T, Refusal> {
    let entry = archive.by_index(index).map_err(|error| Refusal::Broken(error.to_string()))?;
    unpacked.check(entry.size())?;
    let name = entry.name().map_err(|error| Refusal::Broken(error.to_string()))?.to_ascii_lowercase();
    let mut metered = BufReader::new(Metered { inner: entry, budget: unpacked, over: false });
    let result = read(&mut metered, &name);
    if metered.get_ref().over {
        return Err(Bound::UnpackedBytes.into());
    }
    result
}

/// Counts the bytes that come out of a zip entry and stops at the budget, so a
/// scanner never holds more than the limit however the entry was compressed.
struct Metered<'a, R> {
    inner: R,
    budget: &'a mut Budget,
    over: bool,
}

impl<R: Read> Read for Metered<'_, R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buffer)?;
        if self.budget.spend(read as u64).is_err() {
            self.over = true;
            return Err(io::Error::other("the workbook unpacks past Rung's limit"));
        }
        Ok(read)
    }
}
