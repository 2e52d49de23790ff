//! `GET /openapi.json`: the server's OpenAPI 3.1 document, `docs/openapi.json`, compiled into the
//! binary so that what a client is generated from always matches the build that serves it.
//! The document is written by hand except its `Result` schema, which `scripts/openapi.py` derives
//! from the contract's `result_schema.json` (and checks in `make api-check`).

/// The route.
pub const OPENAPI_PATH: &str = "/openapi.json";

/// The document, as served.
pub const DOCUMENT: &str = include_str!("../../docs/openapi.json");

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

    use super::*;
    use crate::api::Status;
    use crate::server::{API_PATH, CLASSIFY_FIELD, EVIDENCE_FIELD, FILE_FIELD, HEALTH_PATH, METRICS_PATH, READY_PATH};

    fn doc() -> Value {
        serde_json::from_str(DOCUMENT).expect("docs/openapi.json is JSON")
    }

    /// Every status, by an exhaustive match: a new variant does not compile until it is listed
    /// here, and then this test asks for it in the document.
    fn all_statuses() -> Vec<&'static str> {
        let every = |s: Status| match s {
            Status::Ok
            | Status::ParameterError
            | Status::NoPermission
            | Status::NotRecognizable
            | Status::InternalError => s.as_str(),
        };
        [
            Status::Ok,
            Status::ParameterError,
            Status::NoPermission,
            Status::NotRecognizable,
            Status::InternalError,
        ]
        .into_iter()
        .map(every)
        .collect()
    }

    fn strings(v: &Value) -> BTreeSet<String> {
        v.as_array()
            .expect("array")
            .iter()
            .map(|s| s.as_str().expect("string").to_string())
            .collect()
    }

    #[test]
    fn document_is_openapi_3_1_of_this_build() {
        let d = doc();
        assert_eq!(d["openapi"], "3.1.0");
        assert_eq!(d["info"]["version"], env!("CARGO_PKG_VERSION"));
        let paths = d["paths"].as_object().expect("paths");
        for (path, method) in [
            (API_PATH, "post"),
            (HEALTH_PATH, "get"),
            (READY_PATH, "get"),
            (METRICS_PATH, "get"),
            (OPENAPI_PATH, "get"),
        ] {
            assert!(paths.get(path).and_then(|p| p.get(method)).is_some(), "{method} {path}");
        }
        assert_eq!(paths.len(), 5, "a route the server does not have is documented");
    }

    #[test]
    fn document_names_every_form_field_and_status() {
        let d = doc();
        let schemas = &d["components"]["schemas"];
        let form = &schemas["CreditReportForm"];
        assert_eq!(strings(&form["required"]), BTreeSet::from([FILE_FIELD.to_string()]));
        let fields: BTreeSet<&str> = form["properties"]
            .as_object()
            .expect("form properties")
            .keys()
            .map(String::as_str)
            .collect();
        for field in [FILE_FIELD, CLASSIFY_FIELD, EVIDENCE_FIELD] {
            assert!(fields.contains(field), "{field}");
        }
        let documented = strings(&schemas["Status"]["enum"]);
        let statuses: BTreeSet<String> = all_statuses().into_iter().map(String::from).collect();
        assert_eq!(documented, statuses);
        // Each status is in the body schema of the HTTP code the server answers it with.
        let responses = &d["paths"][API_PATH]["post"]["responses"];
        for status in all_statuses() {
            let code = crate::server::response::http_code(status_of(status))
                .as_u16()
                .to_string();
            let schema_ref = responses[&code]["content"]["application/json"]["schema"]["$ref"]
                .as_str()
                .unwrap_or_else(|| panic!("no JSON body for {code}"));
            let name = schema_ref.rsplit('/').next().expect("ref name");
            let status_schema = &schemas[name]["properties"]["status"];
            let listed = match status_schema.get("const") {
                Some(c) => BTreeSet::from([c.as_str().expect("const").to_string()]),
                None => strings(&status_schema["enum"]),
            };
            assert!(listed.contains(status), "{status} not under HTTP {code} ({name})");
        }
    }

    fn status_of(s: &str) -> Status {
        serde_json::from_value(Value::String(s.to_string())).expect("a status")
    }
}
