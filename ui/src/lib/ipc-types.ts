// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test --lib bindings`. Do not edit.

export type Ladder = { format: string, format_version: number, 
/**
 * Display name, e.g. "Support Roles".
 */
name: string, 
/**
 * Prose that introduces the whole ladder (kept for people, never scored).
 */
intro: Array<ContextSection>, 
/**
 * In the ladder's own order: junior first within a track.
 */
roles: Array<Role>, rating_scale: RatingScale, policy: LevelPolicy, source: LadderSource, 
/**
 * The corrections a person made to Rung's reading of the source, applied again when
 * the same source is imported again.
 */
reading?: ReadingMapping, };

export type LadderSource = { 
/**
 * File or folder name as the user chose it.
 */
name: string, 
/**
 * Lowercase hex SHA-256 of the source bytes (a folder hashes its files by path).
 */
sha256: string, };

export type Role = { 
/**
 * Stable, unique within the ladder (a slug of the title).
 */
key: string, title: string, 
/**
 * 1 = most junior. Explicit ("L3") where the ladder says so, else its depth in the builds-on chain.
 */
level: number, track: Track, 
/**
 * The track's own name where the ladder gives one (a folder of track documents:
 * "Developer", "Tech Lead"); roles of a named track are listed together.
 */
track_name?: string, 
/**
 * The role's `>` summary, if any.
 */
summary: string | null, 
/**
 * Other prose under the role heading (intro paragraphs, notes).
 */
description: Array<string>, 
/**
 * Key of the role this one builds on; its expectations are included in this one's.
 */
builds_on: string | null, 
/**
 * True when the role has nothing to score (e.g. a `<TBA>` placeholder).
 */
incomplete: boolean, 
/**
 * How the characteristics were found; tells the user when Rung had to interpret the text.
 */
characteristics_from: CharacteristicSource, characteristics: Array<Characteristic>, 
/**
 * Sections that describe the role but are not rated ("Impact", "What success looks like").
 */
context: Array<ContextSection>, 
/**
 * The file the role was read from, relative to the ladder source.
 */
source_file: string, 
/**
 * 1-based line of the role's heading in `source_file`.
 */
source_line: number, };

export type Track = "foundation" | "individual_contributor" | "management";

export type CharacteristicSource = "headings" | "bullets" | "paragraphs" | "sections" | "none";

export type Characteristic = { 
/**
 * Unique within its role.
 */
key: string, title: string, 
/**
 * The section of the role it is listed under ("Core Competencies › Backend"), when
 * the ladder groups a role's expectations.
 */
group?: string, 
/**
 * Behavioural examples: the frame of reference when rating.
 */
examples: Array<string>, };

export type ContextSection = { title: string, paragraphs: Array<string>, items: Array<string>, };

export type RatingScale = { 
/**
 * Lowest first. `Not assessed` is not a level: it is the absence of a rating.
 */
levels: Array<RatingLevel>, not_assessed: string, };

export type RatingLevel = { value: number, label: string, description: string, };

export type LevelPolicy = { 
/**
 * The rating at or above which a characteristic counts as met.
 */
met_rating: number, 
/**
 * The rating that counts as "improvement needed".
 */
improvement_rating: number, 
/**
 * Share of a role's assessed characteristics that must be met for Performing.
 */
performing_min_met: number, 
/**
 * Share that must be met for Maturing.
 */
maturing_min_met: number, 
/**
 * How many "improvement needed" characteristics Maturing tolerates.
 */
maturing_max_improvement: number, 
/**
 * Share of the next role's assessed characteristics met for Exceeding.
 */
exceeding_next_min_met: number, 
/**
 * Ratings of one characteristic this far apart are flagged as a disagreement.
 */
disagreement_spread: number, 
/**
 * Interviewers that should assess each characteristic of the target path.
 */
min_interviewers_per_characteristic: number, 
/**
 * How ready every role a band builds on must be (`maturing` or `performing`). Ladders
 * stored before this setting existed read it as the default.
 */
ancestors_must_be: Band, 
/**
 * Below this probability of the recommended role the headline says "between two
 * levels" and offers one more interview. Ladders stored before this setting existed
 * read it as the default, and the default is not written, so their snapshots and
 * hashes do not change.
 */
between_levels_below?: number, };

export type Band = "maturing" | "performing" | "exceeding";

export type StoredLadder = { id: number, name: string, source_name: string, source_sha256: string, snapshot_sha256: string, role_count: number, is_default: boolean, imported_at: string, };

export type StartupStatus = { data_dir: string, 
/**
 * Why the database could not be opened; the window shows it instead of the app.
 */
error: IpcError | null, 
/**
 * True when the database is damaged and can be moved aside.
 */
can_move_aside: boolean, 
/**
 * The ladder to open first (the last one named with --ladder, else the default).
 */
first_ladder_id: number | null, 
/**
 * What opening the database did to finish an erasure that was interrupted (killed,
 * or stopped by a full disk) when Rung last ran, as sentences; empty when none was.
 */
finished_erasure: Array<string>, };

export type IpcError = { code: ErrorCode, message: string, };

export type ErrorCode = "db_not_sqlite" | "db_corrupt" | "db_newer_schema" | "db_read_only" | "db_disk_full" | "db_migration_failed" | "db_bad_backup" | "db_backup_failed" | "db_bad_destination" | "db_closed" | "db_in_use" | "db_error" | "folder_busy" | "removed_meanwhile" | "not_writable" | "protected_path" | "io_error" | "integrity_failed" | "change_refused" | "actor_unknown" | "coordinator_only" | "scores_hidden" | "debrief_closed" | "no_interviewer" | "person_unknown" | "interview_taken" | "scorecard_sealed" | "scorecard_not_yours" | "interview_sealed" | "legal_hold" | "not_found" | "invalid_input" | "signing_key_unavailable" | "report_render_failed" | "candidates_csv_refused" | "bundle_refused" | "bundle_ladder_missing" | "passphrase_needed" | "passphrase_wrong" | "passphrase_to_set" | "passphrase_too_short" | "passphrase_not_yours" | "passphrase_hashing" | "input_not_found" | "input_not_a_file" | "input_too_large" | "input_unreadable" | "ladder_not_found" | "ladder_unreadable" | "ladder_not_a_file" | "ladder_empty" | "ladder_too_large" | "ladder_too_many_files" | "ladder_binary" | "ladder_not_utf8" | "ladder_control_character" | "ladder_no_roles" | "ladder_nothing_to_transpose" | "ladder_unconfirmed_reading" | "ladder_duplicate_role" | "ladder_builds_on_cycle" | "ladder_untitled_heading" | "ladder_empty_folder" | "ladder_invalid_json" | "ladder_invalid_data" | "ladder_no_data" | "ladder_inconsistent_json" | "ladder_front_matter" | "ladder_invalid_yaml" | "ladder_invalid_spreadsheet" | "ladder_invalid_mapping" | "ladder_over_limit" | "ladder_unsupported_workbook" | "ladder_broken_workbook" | "team_offline" | "team" | "internal";

export type Interviewer = { id: number, name: string, 
/**
 * Holds the coordinator role on this laptop.
 */
coordinator: boolean, 
/**
 * Has a passphrase on this laptop: acting as them needs it (`rung_core::passphrase`).
 */
has_passphrase: boolean, };

export type CandidateSummary = { id: number, name: string, email: string | null, ladder_id: number, target_role_key: string, notes: string, created_at: string, };

export type NewCandidate = { name: string, email: string | null, ladder_id: number, target_role_key: string, notes: string, };

export type CharacteristicRef = { role_key: string, characteristic_key: string, };

export type SectionPurpose = "foundation" | "target" | "next_role";

export type KitCharacteristic = { reference: CharacteristicRef, role_title: string, level: number, purpose: SectionPurpose, title: string, examples: Array<string>, questions: Array<string>, 
/**
 * True when the questions were edited for this candidate.
 */
questions_edited: boolean, };

export type CandidateKit = { candidate: CandidateSummary, ladder_name: string, target_title: string, scale: RatingScale, characteristics: Array<KitCharacteristic>, interviews: Array<InterviewSlot>, coverage: Array<Coverage>, };

export type InterviewSlot = { interview: StoredInterview, interviewer_name: string | null, state: InterviewState, 
/**
 * "Not started", "Draft · 3 of 7 assessed", "Sealed by Ada Lovelace, 2026-11-29 10:02", …
 */
state_label: string, 
/**
 * Who holds the interview's latest scorecard (a sealed one opens only for them).
 */
scored_by: number | null, };

export type InterviewState = "not_started" | "draft" | "submitted" | "amending" | "amended";

export type StoredInterview = { id: number, position: number, name: string, interviewer_id: number | null, focus: Array<CharacteristicRef>, 
/**
 * Why this interview keeps its name and place in the plan: it has a sealed
 * scorecard, which must go on saying which interview it was for. `None`: editable.
 */
frozen_because: string | null, };

export type Coverage = { characteristic: CharacteristicRef, 
/**
 * How many interviews focus on it.
 */
interviews: number, 
/**
 * How many should: the policy's minimum on the path, once for the next role.
 */
required: number, };

export type PanelPlan = { interviews: Array<PlannedInterview>, };

export type PlannedInterview = { name: string, focus: Array<CharacteristicRef>, };

export type ScoringSession = { candidate_name: string, target_title: string, interview_name: string, scale: RatingScale, scorecard: Scorecard, 
/**
 * This interview's focus first, then the rest of the template.
 */
focus: Array<KitCharacteristic>, others: Array<KitCharacteristic>, 
/**
 * Roles an interviewer may name as their level opinion: (key, "L2 Senior …").
 */
level_options: Array<[string, string]>, 
/**
 * The interview is planned for someone else: their name (the window says so).
 */
planned_for: string | null, 
/**
 * Another interviewer's sealed scorecard, opened read-only: its owner.
 */
owner_name: string | null, };

export type Scorecard = { id: number, candidate_id: number, interviewer_id: number, interview_id: number | null, ladder_snapshot_sha256: string, status: ScorecardStatus, overall: Overall | null, level_opinion: string | null, summary: string, submitted_at: string | null, seal_sha256: string | null, amends_scorecard_id: number | null, amendment_reason: string | null, 
/**
 * Sorted by role, then characteristic.
 */
ratings: Array<Rating>, };

export type ScorecardStatus = "draft" | "submitted";

export type Overall = "strong_no" | "no" | "yes" | "strong_yes";

export type Rating = { role_key: string, characteristic_key: string, 
/**
 * 1–4 on the ladder's scale; `None` is "not assessed", never a low score.
 */
score: number | null, notes: string, updated_at: string, };

export type RatingChange = { role_key: string, characteristic_key: string, score: number | null, notes: string, };

export type LadderView = { ladder: Ladder, 
/**
 * Tracks in the order their first role appears, roles in ladder order.
 */
tracks: Array<TrackGroup>, 
/**
 * Role key → the keys of the role and everything it builds on, most junior first.
 */
paths: { [key in string]: Array<string> }, 
/**
 * Role key → how its characteristics were found, when Rung had to interpret the text.
 */
reading_notes: { [key in string]: string }, };

export type TrackGroup = { 
/**
 * Unique among the ladder's tracks (the kind, and the name where there is one).
 */
key: string, track: Track, label: string, role_keys: Array<string>, };

export type ReadingMapping = { 
/**
 * Always "rung-ladder-mapping": a file of another kind is refused, not half-read.
 */
format: string, 
/**
 * Markdown: the heading depth (1–6) whose headings are roles, instead of Rung's
 * guess. Shallower headings between roles name their tracks.
 */
role_heading_level?: number, 
/**
 * Markdown: inside a role, headings at this depth group its characteristics; the
 * headings below them are the characteristics.
 */
group_heading_level?: number, 
/**
 * Headings read as context (kept to read, never a role or a characteristic).
 */
context_headings?: Array<string>, 
/**
 * Files of a folder that are not part of the ladder.
 */
excluded_files?: Array<string>, 
/**
 * Corrections to roles as read, found by their title.
 */
roles?: Array<RoleCorrection>, 
/**
 * Read the other way round: what was read as roles are the characteristics, and the
 * names repeating under them (Beginner … Expert, L1 … L5) are the roles. `None`
 * leaves the choice to Rung.
 */
transposed?: boolean, 
/**
 * Markdown with tables: the roles are the table's rows (a column per expectation)
 * or its columns (a row per competency), instead of the headings. `None` leaves the
 * choice to Rung.
 */
table_roles?: TableRoles, 
/**
 * Structured data (JSON, YAML, a script module): which reading of the data holds the
 * roles, by the engine's name for it ("levels of the files", "`levels` referencing
 * their characteristics"). `None` leaves the choice to Rung.
 */
data_reading?: string, 
/**
 * The person looked at this reading and confirmed it: an uncertain reading is saved
 * only once confirmed (or read another way).
 */
confirmed?: boolean, };

export type RoleCorrection = { 
/**
 * The role's title as Rung read it.
 */
title: string, level?: number, track?: Track, track_name?: string, 
/**
 * Not a role at all: left out of the ladder.
 */
exclude?: boolean, };

export type TableRoles = "none" | "rows" | "columns";

export type ReadingConfidence = { 
/**
 * Confident, or a person confirmed the reading: `ladder check` may call it clean.
 */
certain: boolean, 
/**
 * A person looked at this reading and confirmed it (the mapping's `confirmed`).
 */
confirmed: boolean, 
/**
 * How sure, 0–1: how far the reading's evidence is ahead of the next reading's.
 */
score: number, 
/**
 * The reading in words ("6 roles (\"L1\" … \"L6\") whose characteristics are …").
 */
reading: string, 
/**
 * The strongest signs for and against it.
 */
signs: Array<string>, 
/**
 * The next best reading, when it differs and scores close (or the reading is weak).
 */
runner_up: AlternativeReading | null, };

export type AlternativeReading = { reading: string, signs: Array<string>, 
/**
 * The mapping that reads the source this way ("Read it the other way").
 */
mapping: ReadingMapping, };

export type ReadingWarning = { code: string, role: string | null, file: string, line: number, message: string, };

export type LadderPreview = { 
/**
 * The file or folder name, as it will be stored.
 */
source_name: string, view: LadderView, 
/**
 * What looks off in the roles read (the doubt about the reading is in `confidence`).
 */
warnings: Array<ReadingWarning>, 
/**
 * How sure Rung is of the reading, and the runner-up when another reading scores
 * close. An uncertain reading is saved only once the person confirmed it (or chose
 * another reading or corrected it).
 */
confidence: ReadingConfidence, 
/**
 * The corrections in effect (empty when Rung's reading is used as is).
 */
mapping: ReadingMapping, 
/**
 * True when the mapping corrects anything (Rung's own reading otherwise).
 */
corrected: boolean, 
/**
 * When corrections saved with an earlier import were applied: that ladder's name.
 */
reapplied_from: string | null, 
/**
 * Heading depths the markdown uses (where roles and groups can be); empty for
 * formats whose structure is explicit (JSON, YAML, spreadsheets).
 */
heading_depths: Array<number>, 
/**
 * A folder's markdown files, including any left out (they can be put back).
 */
files: Array<string>, };

export type CandidateStatus = { id: number, name: string, target_role_key: string, created_at: string, 
/**
 * Interviews in the panel plan.
 */
planned: number, 
/**
 * Planned interviews with a submitted scorecard.
 */
submitted: number, 
/**
 * "no scorecards in", "2 of 3 scorecards in", "all 3 scorecards in".
 */
status: string, 
/**
 * "No panel yet", "Interviewing", "Ready for debrief", "Decided: hire", …
 */
stage: string, };

export type CandidateStatusPage = { rows: Array<CandidateStatus>, total: number, };

export type CandidateQuery = { 
/**
 * Words of the name or email, as typed (matched anywhere, case-insensitively for
 * ASCII); empty lists everyone.
 */
text: string, offset: number, limit: number, };

export type Debrief = { candidate: CandidateSummary, ladder_name: string, target_title: string, scale: RatingScale, 
/**
 * The thresholds the recommendation used (shown on the chart).
 */
policy: LevelPolicy, interviewers: Array<DebriefInterviewer>, 
/**
 * The target's path and the next role, in ladder order.
 */
rows: Array<DebriefRow>, recommendation: Recommendation, 
/**
 * The decision in force, then its earlier versions.
 */
decision: Decision | null, decision_history: Array<Decision>, 
/**
 * True when decisions were recorded apart (two laptops at once): the one decided last
 * stands, and the panel should confirm or change it.
 */
decided_apart: boolean, 
/**
 * Each decision of the history in words, by its id: "Hire as L2 Senior …, in the
 * Performing band."
 */
decision_words: { [key in number]: string }, 
/**
 * Roles a decision may name: (key, "L2 Senior …").
 */
role_options: Array<[string, string]>, progress: PanelProgress, };

export type DebriefInterviewer = { interviewer_id: number, name: string, interview_name: string | null, overall: Overall | null, 
/**
 * "L2 Senior …", when they gave one.
 */
level_opinion: string | null, summary: string, 
/**
 * True for an amendment that replaced their first submission.
 */
amended: boolean, };

export type DebriefRow = { characteristic: CharacteristicRef, title: string, role_title: string, level: number, purpose: SectionPurpose, 
/**
 * In the order of `Debrief::interviewers`; `None` is not assessed (or not asked).
 */
scores: Array<number | null>, panel: number | null, spread: number | null, flagged: boolean, };

export type PanelProgress = { planned: number, 
/**
 * Planned interviews with a sealed scorecard.
 */
submitted: number, 
/**
 * Each interview not in yet and whom it waits on: "Tomás García (Technical
 * deep-dive)" — the person drafting it, else the one it is planned for.
 */
waiting_on: Array<string>, 
/**
 * "All 3 scorecards in", or "Provisional: 1 of 3 scorecards in — waiting on …".
 */
headline: string, 
/**
 * Every planned interview is in: the result is final and the PDF can be issued.
 */
complete: boolean, };

export type PanelOverride = { characteristic: CharacteristicRef, panel: number | null, };

export type Recommendation = { 
/**
 * The recommended role's key, or `None` when no role has a band.
 */
role: string | null, title: string | null, level: number | null, track: Track | null, band: Band | null, 
/**
 * Every role in ladder order.
 */
roles: Array<RoleAssessment>, 
/**
 * The characteristics that decided the result, in sentences.
 */
decided_by: Array<string>, 
/**
 * Weak characteristics of roles below that did not block, named as evidence against.
 */
against: Array<string>, missing: Array<Missing>, confidence: Confidence, agreement: Agreement, 
/**
 * The whole reasoning in plain sentences, most important first.
 */
rationale: Array<string>, };

export type RoleAssessment = { key: string, title: string, level: number, track: Track, incomplete: boolean, 
/**
 * Its own characteristics (not inherited ones).
 */
own: number, 
/**
 * Those with a panel score.
 */
assessed: number, 
/**
 * assessed / own (0 for a role with nothing to rate).
 */
coverage: number, 
/**
 * Mean credit of the assessed characteristics; `None` when nothing was assessed.
 */
met: number | null, 
/**
 * Sum of "improvement needed" credit over the assessed characteristics.
 */
improvement: number, performing_ready: boolean, maturing_ready: boolean, 
/**
 * Whether it holds as ground for the roles above it.
 */
holds: boolean, band: Band | null, 
/**
 * Why there is no band here, when there is none.
 */
no_band_because: string | null, };

export type Confidence = { level: ConfidenceLevel, reason: string, };

export type ConfidenceLevel = "low" | "medium" | "high";

export type Missing = { role_key: string, characteristic_key: string | null, description: string, };

export type Agreement = { 
/**
 * Krippendorff's alpha, ordinal; `None` when it is undefined.
 */
alpha: number | null, 
/**
 * Share of pairs of ratings of one characteristic that are the same score; `None`
 * when nothing was rated twice. Alpha corrects this for chance, so when scores barely
 * vary alpha can be low although interviewers mostly gave the same score.
 */
same_score: number | null, 
/**
 * Alpha's 90% interval by a bootstrap over the characteristics (`None` when alpha is).
 */
alpha_interval: [number, number] | null, 
/**
 * Pairs of ratings of one characteristic: how much evidence the agreement rests on.
 */
pairs: number, 
/**
 * The alpha in plain words.
 */
reading: string, 
/**
 * Characteristics rated by two or more interviewers.
 */
spreads: Array<Spread>, };

export type Spread = { characteristic: CharacteristicRef, lowest: number, highest: number, 
/**
 * Highest minus lowest.
 */
spread: number, 
/**
 * At or above the policy's `disagreement_spread`: worth discussing.
 */
flagged: boolean, };

export type Decision = { id: number, candidate_id: number, outcome: Outcome, role_key: string | null, band: Band | null, 
/**
 * What Rung recommended when the decision was made.
 */
recommended_role_key: string | null, recommended_band: Band | null, 
/**
 * True when role or band differ from the recommendation.
 */
overrides: boolean, reason: string | null, decided_by: string, decided_at: string, 
/**
 * The decision this one amends (replaces), if any.
 */
amends: number | null, seal_sha256: string, };

export type NewDecision = { outcome: Outcome, 
/**
 * The role hired at (required for a hire).
 */
role_key: string | null, band: Band | null, 
/**
 * Required when role or band differ from the recommendation, and for an amendment.
 * Who decided is not the caller's to say: it is the coordinator recording it.
 */
reason: string | null, };

export type DecisionPreview = { 
/**
 * "Hire as L3 Senior Support Engineer, in the Performing band."
 */
sentence: string, 
/**
 * Differs from Rung's recommendation (the reason then goes on record with it).
 */
overrides: boolean, 
/**
 * Who it will be recorded as decided by: the coordinator acting.
 */
decided_by: string, 
/**
 * It replaces a decision already recorded (which stays on record).
 */
amends: boolean, };

export type Outcome = "hire" | "no_hire" | "hold";

export type CalibrationRow = { name: string, interviewer_id: number, 
/**
 * Scores compared with a panel score.
 */
ratings: number, 
/**
 * Mean of (their score − the panel score): above 0 lenient, below severe.
 */
mean_difference: number | null, focus_planned: number, focus_unassessed: number, 
/**
 * How often their overall recommendation went against the decision (hire vs no hire).
 */
decisions_compared: number, decisions_disagreed: number, 
/**
 * "lenient", "severe", "in line with the panel" or "too few ratings to tell".
 */
reading: string, };

export type InterviewerCalibration = { interviewer_id: number, 
/**
 * Scores compared with a panel score.
 */
ratings: number, 
/**
 * Mean of (their score − the panel score): above 0 lenient, below severe.
 */
mean_difference: number | null, focus_planned: number, focus_unassessed: number, 
/**
 * How often their overall recommendation went against the decision (hire vs no hire).
 */
decisions_compared: number, decisions_disagreed: number, 
/**
 * "lenient", "severe", "in line with the panel" or "too few ratings to tell".
 */
reading: string, };

export type Paper = "a4" | "letter";

export type ArchivedReport = { id: number, report_id: string, data_sha256: string, file_sha256: string, candidate_id: number | null, decision_id: number | null, issued_at: string, paper: string, candidate_name: string, role_title: string, 
/**
 * The level hired at ("L2 Senior …, Exceeding"); empty unless the decision is a hire
 * (and for reports archived before Rung kept it).
 */
hired_level: string, outcome: string, decided_by: string, pages: number, size_bytes: number, };

export type ArchiveQuery = { 
/**
 * Words to find (each a prefix) in the candidate's name however it is punctuated,
 * the role, the level hired at, who decided or the report id; a word with an `@` is
 * the start of the candidate's email.
 */
text: string, outcome: string | null, decided_by: string | null, role: string | null, from: string | null, to: string | null, sort: ArchiveSort, 
/**
 * 0-based.
 */
page: number, 
/**
 * Rows per page; 0 means 50.
 */
page_size: number, };

export type ArchiveSort = "newest_first" | "oldest_first" | "candidate" | "role";

export type ArchivePage = { reports: Array<ArchivedReport>, 
/**
 * Matches across all pages.
 */
total: number, page: number, page_size: number, };

export type ExportedReport = { report: ArchivedReport, path: string, 
/**
 * Nothing had changed, so the archived report was written again, byte for byte.
 */
reused: boolean, missing_glyphs: Array<string>, };

export type Verification = { "kind": "genuine", report: ArchivedReport, } | { "kind": "altered", report: ArchivedReport, } | { "kind": "unknown", data_sha256: string, } | { "kind": "not_a_report" };

export type RetentionEntry = { candidate_id: number, name: string, 
/**
 * The newest of: created, a scorecard saved, a decision recorded (RFC 3339).
 */
last_activity: string, 
/**
 * `YYYY-MM-DD` from which the candidate's data is due for erasure.
 */
due_on: string, due: boolean, legal_hold: boolean, };

export type RetentionOverview = { months: number, entries: Array<RetentionEntry>, };

export type ScrubReport = { 
/**
 * The candidates whose erasure this scrub finished (or tried to).
 */
candidate_ids: Array<number>, done: Array<string>, 
/**
 * Empty when the scrub is finished.
 */
pending: Array<string>, 
/**
 * Why the pending part could not be done now (a full disk, another program).
 */
stopped_by: string | null, backups_rewritten: number, backups_removed: number, };

export type ErasureReceipt = { candidate_id: number, scorecards: number, reports: number, decisions: number, 
/**
 * True when the outcome, level and scores (without notes) were kept anonymously.
 */
kept_anonymous: boolean, 
/**
 * What the scrub that follows the erasure did, and what it left pending.
 */
scrub: ScrubReport, };

export type ErasureOutcome = { receipt: ErasureReceipt, 
/**
 * Copies in the data folder that still hold the candidate (left as they were).
 */
older_copies: Array<string>, 
/**
 * Copies deleted because the user asked.
 */
purged: Array<string>, 
/**
 * The app's own backups that held the candidate: rewritten without them, or deleted.
 */
backups_rewritten: number, backups_removed: number, 
/**
 * What the user should know, as sentences.
 */
notes: Array<string>, };

export type BundleImport = { candidate_id: number, candidate_name: string, 
/**
 * Scorecards added now.
 */
added: number, 
/**
 * Scorecards this database already had from an earlier import.
 */
already_here: number, 
/**
 * True when the bundle's ladder was imported along with it.
 */
ladder_imported: boolean, };

export type TeamStatus = { state: SyncState, 
/**
 * "Synced", "3 waiting", "Offline — …", "Not connected".
 */
summary: string, server: string | null, login: string | null, waiting: number, refused: number, last_sync_at: string | null, last_error: string | null, 
/**
 * Erasures waiting for the server's maintenance and laptops that have not received
 * one (as of the last sync).
 */
erasures: ErasureBacklog, };

export type ErasureBacklog = { 
/**
 * Erasures whose rows the server's table files still hold (maintenance has not run
 * since they reached the server).
 */
waiting_for_maintenance: number, 
/**
 * Laptops that have not yet received every erasure.
 */
laptops_behind: number, 
/**
 * When the server said so (the last sync); None before the first sync that read it.
 */
as_of: string | null, 
/**
 * The same as sentences, oldest first (the CLI and the Team screen show them).
 */
lines: Array<string>, };

export type SyncState = "not_connected" | "synced" | "waiting" | "offline";

export type SyncReport = { pushed: Moved, pulled: Moved, 
/**
 * Team members this laptop learnt of (or whose names changed).
 */
members: number, ladders: number, 
/**
 * This laptop's audit log entries sent to the server.
 */
audit_entries_sent: number, 
/**
 * Other laptops' shared audit entries checked link by link (coordinators only).
 */
audit_entries_checked: number, 
/**
 * What the server refused for good, and rows refused on pull (they fail their seal).
 */
refused: Array<string>, problems: Array<string>, };

export type Moved = { candidates: number, panels: number, scorecards: number, decisions: number, reports: number, erasures: number, };

export type Command =
  | 'startup_status'
  | 'move_database_aside'
  | 'list_ladders'
  | 'get_ladder'
  | 'save_level_policy'
  | 'preview_ladder_file'
  | 'preview_ladder_folder'
  | 'repreview_ladder'
  | 'confirm_ladder_import'
  | 'cancel_ladder_import'
  | 'list_interviewers'
  | 'create_interviewer'
  | 'set_current_interviewer'
  | 'set_own_passphrase'
  | 'create_candidate'
  | 'update_candidate'
  | 'candidate_kit'
  | 'save_panel_plan'
  | 'save_questions'
  | 'open_scoring'
  | 'save_rating'
  | 'save_overall'
  | 'submit_scorecard'
  | 'amend_scorecard'
  | 'create_demo'
  | 'open_debrief'
  | 'what_if'
  | 'preview_decision'
  | 'record_decision'
  | 'calibration'
  | 'candidate_page'
  | 'plan_coverage'
  | 'default_paper'
  | 'export_report'
  | 'search_archive'
  | 'reexport_report'
  | 'open_report'
  | 'verify_report_file'
  | 'retention'
  | 'set_retention_months'
  | 'set_legal_hold'
  | 'erase_candidate'
  | 'export_bundle'
  | 'import_bundle'
  | 'team_status'
  | 'team_connect'
  | 'team_sync_now'
  | 'team_disconnect';

export const OUTCOME_LABELS: Record<Outcome, string> = {
  "hire": "Hire",
  "no_hire": "No hire",
  "hold": "Hold",
};

export const OVERALL_LABELS: Record<Overall, string> = {
  "strong_no": "Strong no",
  "no": "No",
  "yes": "Yes",
  "strong_yes": "Strong yes",
};

export const BAND_LABELS: Record<Band, string> = {
  "maturing": "Maturing",
  "performing": "Performing",
  "exceeding": "Exceeding",
};

export const ANCESTOR_BAND_LABELS: Record<"maturing" | "performing", string> = {
  "maturing": "Maturing",
  "performing": "Performing",
};

export const CONFIDENCE_LABELS: Record<ConfidenceLevel, string> = {
  "low": "Low",
  "medium": "Medium",
  "high": "High",
};

export const TRACK_LABELS: Record<Track, string> = {
  "individual_contributor": "Individual contributor",
  "management": "Management",
  "foundation": "Foundation",
};

export const SECTION_PURPOSE_LABELS: Record<SectionPurpose, string> = {
  "foundation": "Builds on",
  "target": "Target role",
  "next_role": "Next role: evidence for Exceeding",
};

export const DECISION_PENDING_LABEL = "Decision pending";

export const MAX_INTERVIEWS = 8;

/** "L2", as Rust's `level_code` names a level. */
export function levelCode(level: number): string {
  return `L${level}`;
}

/** "L2 Senior Support Engineer", as Rust's `role_label` names a role. */
export function roleLabel(level: number, title: string): string {
  return `L${level} ${title}`;
}

export const DATABASE_DAMAGED_EVENT = 'database-damaged';

export const TEAM_STATUS_EVENT = 'team-status';
