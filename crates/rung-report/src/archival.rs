//! Turns the document printpdf builds into an archival one: PDF/A-1b (version 1.4,
//! XMP metadata matching the document information, an sRGB output intent, the CID set
//! of every subset font) and deterministic (the trailer `/ID` comes from the report's
//! hash, as ISO 32000 suggests, instead of printpdf's counter; dates come from the
//! report, not the clock).

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

static SRGB_ICC: &[u8] = include_bytes!("../../../data/icc/sRGB.icc");

/// What the document information and the XMP both say.
pub struct Metadata<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub keywords: &'a str,
    /// RFC 3339 UTC, `2026-11-29T06:15:00Z`.
    pub issued_at: &'a str,
    /// The report data's SHA-256 (hex): the file identifier is derived from it.
    pub data_sha256: &'a str,
}

pub const PRODUCER: &str = "Rung (printpdf 0.12.8)";

pub fn make_archival(doc: &mut Document, meta: &Metadata<'_>) {
    doc.version = "1.4".to_owned();
    let file_id = hex::decode(meta.data_sha256.get(..32).unwrap_or_default()).unwrap_or_default();
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(file_id.clone(), StringFormat::Hexadecimal),
            Object::String(file_id, StringFormat::Hexadecimal),
        ]),
    );
    let info = doc.add_object(Object::Dictionary(document_info(meta)));
    doc.trailer.set("Info", Object::Reference(info));

    let catalog_id = doc.trailer.get(b"Root").and_then(Object::as_reference).expect("printpdf sets a catalog");
    let mut xmp = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp_packet(meta).into_bytes(),
    );
    // PDF/A readers must find the XMP without decoding it.
    xmp.allows_compression = false;
    let metadata = doc.add_object(Object::Stream(xmp));
    let profile = doc.add_object(Object::Stream(Stream::new(
        Dictionary::from_iter(vec![("N", Object::Integer(3))]),
        SRGB_ICC.to_vec(),
    )));
    let intent = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", Object::string_literal("sRGB IEC61966-2.1")),
        ("Info", Object::string_literal("sRGB IEC61966-2.1")),
        ("RegistryName", Object::string_literal("http://www.color.org")),
        ("DestOutputProfile", Object::Reference(profile)),
    ]);
    if let Ok(Object::Dictionary(catalog)) = doc.get_object_mut(catalog_id) {
        catalog.set("Metadata", Object::Reference(metadata));
        catalog.set("OutputIntents", Object::Array(vec![Object::Dictionary(intent)]));
    }
    add_cid_sets(doc);
    remove_empty_annotations(doc);
}

/// PDF/A-1 asks every subset CID font to say which CIDs its program holds. Our subsets
/// are numbered densely from 0, so the set is every glyph of the subset program.
fn add_cid_sets(doc: &mut Document) {
    let descriptors: Vec<(ObjectId, ObjectId)> = doc
        .objects
        .iter()
        .filter_map(|(id, object)| {
            let dict = object.as_dict().ok()?;
            (dict.get(b"Type").and_then(Object::as_name).ok()? == b"FontDescriptor").then_some(())?;
            let program = dict.get(b"FontFile2").and_then(Object::as_reference).ok()?;
            Some((*id, program))
        })
        .collect();
    for (descriptor, program) in descriptors {
        let Some(glyphs) = doc
            .get_object(program)
            .and_then(Object::as_stream)
            .ok()
            .and_then(|stream| stream.decompressed_content().ok().or_else(|| Some(stream.content.clone())))
            .and_then(|bytes| glyph_count(&bytes))
        else {
            continue;
        };
        let mut bits = vec![0u8; usize::from(glyphs).div_ceil(8)];
        for gid in 0..usize::from(glyphs) {
            bits[gid / 8] |= 0x80 >> (gid % 8);
        }
        let set = doc.add_object(Object::Stream(Stream::new(Dictionary::new(), bits)));
        if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(descriptor) {
            dict.set("CIDSet", Object::Reference(set));
        }
    }
}

/// `numGlyphs` from a TrueType program's `maxp` table.
fn glyph_count(font: &[u8]) -> Option<u16> {
    let tables = u16::from_be_bytes(font.get(4..6)?.try_into().ok()?);
    (0..usize::from(tables)).find_map(|index| {
        let record = font.get(12 + index * 16..28 + index * 16)?;
        (&record[..4] == b"maxp").then_some(())?;
        let offset = u32::from_be_bytes(record[8..12].try_into().ok()?) as usize;
        Some(u16::from_be_bytes(font.get(offset + 4..offset + 6)?.try_into().ok()?))
    })
}

/// printpdf writes `/Annots []` on every page; an empty array is legal but noise.
fn remove_empty_annotations(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        if let Object::Dictionary(dict) = object {
            if dict.get(b"Annots").and_then(Object::as_array).is_ok_and(Vec::is_empty) {
                dict.remove(b"Annots");
            }
        }
    }
}

fn pdf_text(text: &str) -> Object {
    if text.is_ascii() {
        return Object::string_literal(text);
    }
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// `20261129061500` from `2026-11-29T06:15:00Z` (zeros where the time is shorter).
fn date_digits(rfc3339: &str) -> String {
    let digits: String = rfc3339.chars().filter(char::is_ascii_digit).take(14).collect();
    format!("{digits:0<14}")
}

/// `D:20261129061500+00'00'` from `2026-11-29T06:15:00Z`.
fn pdf_date(rfc3339: &str) -> String {
    format!("D:{}+00'00'", date_digits(rfc3339))
}

fn document_info(meta: &Metadata<'_>) -> Dictionary {
    let date = Object::string_literal(pdf_date(meta.issued_at));
    Dictionary::from_iter(vec![
        ("Title", pdf_text(meta.title)),
        ("Author", pdf_text(meta.author)),
        ("Subject", pdf_text(meta.subject)),
        ("Keywords", pdf_text(meta.keywords)),
        ("Creator", Object::string_literal("Rung")),
        ("Producer", Object::string_literal(PRODUCER)),
        ("CreationDate", date.clone()),
        ("ModDate", date),
    ])
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn xmp_date(rfc3339: &str) -> String {
    let d = date_digits(rfc3339);
    format!("{}-{}-{}T{}:{}:{}+00:00", &d[0..4], &d[4..6], &d[6..8], &d[8..10], &d[10..12], &d[12..14])
}

fn xmp_packet(meta: &Metadata<'_>) -> String {
    let date = xmp_date(meta.issued_at);
    let (title, author, subject, keywords) =
        (xml_escape(meta.title), xml_escape(meta.author), xml_escape(meta.subject), xml_escape(meta.keywords));
    format!(
        r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{PRODUCER}</pdf:Producer>
<pdf:Keywords>{keywords}</pdf:Keywords>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>Rung</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>1</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_spellings() {
        assert_eq!(pdf_date("2026-11-29T06:15:07Z"), "D:20261129061507+00'00'");
        assert_eq!(xmp_date("2026-11-29T06:15:07Z"), "2026-11-29T06:15:07+00:00");
    }

    #[test]
    fn non_ascii_metadata_is_utf16() {
        let Object::String(bytes, _) = pdf_text("Zoë") else { panic!() };
        assert_eq!(bytes, vec![0xFE, 0xFF, 0, b'Z', 0, b'o', 0, 0xEB]);
    }
}
