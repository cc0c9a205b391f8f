// ---
// title: Which projects were running on a given date?
// description: >
//   Projects whose start and end enclose the date. Exact dates are used where the sources
//   give them; a year range (2024-2027) counts from 1 January to 31 December. `sources`
//   says where each date and the status come from (props_evidence), and which values the
//   curator reasoned (derived; status_note says how).
// params:
//   date: {type: date, example: "2025-06-15",
//     default: "2025-06-15", description: "the date, YYYY-MM-DD"}
// tags: [projects, dates]
// items: {id: project_id, name: project}
// ---
MATCH (project:Project)
WITH project,
     coalesce(project.start, CASE WHEN project.start_year IS NOT NULL
                                  THEN date({year: project.start_year, month: 1, day: 1}) END) AS from,
     coalesce(project.end, CASE WHEN project.end_year IS NOT NULL
                                THEN date({year: project.end_year, month: 12, day: 31}) END) AS to
WHERE from IS NOT NULL AND from <= $date AND (to IS NULL OR to >= $date)
RETURN project.id AS project_id, project.name AS project, project.status AS status,
       project.status_note AS status_note, from, to,
       project {.prop_evidence_keys, .prop_evidence_docs, .prop_evidence_passages,
                .prop_evidence_anchors, .derived_props} AS sources
ORDER BY from, project
