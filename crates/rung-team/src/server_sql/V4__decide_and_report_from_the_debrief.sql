-- Deciding and reporting as the laptop's rules do (rung_core::access, issue 21; the
-- access matrix test in tests/team/access_matrix.rs asks both). Until now any coordinator
-- could record a decision or issue a report for any candidate, even one with no scorecard
-- in. A decision is taken from a debrief the coordinator may open: they submitted their
-- own scorecard for the candidate, or every planned interview is in. A report, kept for
-- years, is issued only once every planned interview is in (which also opens the debrief
-- to a coordinator). Both helpers answer only about the person logged in.
ALTER POLICY decisions_record ON rung.decisions WITH CHECK (
    recorded_by = current_user
    AND (rung.has_submitted(candidate_id, current_user) OR rung.all_interviews_in(candidate_id))
);

ALTER POLICY reports_issue ON rung.reports WITH CHECK (
    issued_by = current_user AND rung.all_interviews_in(candidate_id)
);
