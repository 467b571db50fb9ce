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
roles: Array<Role>, rating_scale: RatingScale, policy: LevelPolicy, source: LadderSource, };

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

export type CharacteristicSource = "headings" | "bullets" | "none";

export type Characteristic = { 
/**
 * Unique within its role.
 */
key: string, title: string, 
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
ancestors_must_be: Band, };

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
first_ladder_id: number | null, };

export type IpcError = { code: string, message: string, };

export type Interviewer = { id: number, name: string, };

export type CandidateSummary = { id: number, name: string, email: string | null, ladder_id: number, target_role_key: string, notes: string, created_at: string, };

export type NewCandidate = { name: string, email: string | null, ladder_id: number, target_role_key: string, notes: string, };

export type CharacteristicRef = { role_key: string, characteristic_key: string, };

export type SectionPurpose = "foundation" | "target" | "next_role";

export type KitCharacteristic = { reference: CharacteristicRef, role_title: string, level: number, purpose: SectionPurpose, title: string, examples: Array<string>, questions: Array<string>, 
/**
 * True when the questions were edited for this candidate.
 */
questions_edited: boolean, };

export type CandidateKit = { candidate: CandidateSummary, ladder_name: string, target_title: string, scale: RatingScale, characteristics: Array<KitCharacteristic>, interviews: Array<InterviewSlot>, coverage: Array<Coverage>, minimum_coverage: number, };

export type InterviewSlot = { interview: StoredInterview, interviewer_name: string | null, };

export type StoredInterview = { id: number, position: number, name: string, interviewer_id: number | null, focus: Array<CharacteristicRef>, };

export type Coverage = { characteristic: CharacteristicRef, 
/**
 * How many interviews focus on it.
 */
interviews: number, };

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
level_options: Array<[string, string]>, };

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
