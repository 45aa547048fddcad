//! Holds API responses to the OpenAPI document the server publishes: the status must be
//! documented for the path, and the JSON body must validate against the documented schema
//! (JSON Schema 2020-12, which OpenAPI 3.1 schemas are, with `format` checked: a `uuid` must be
//! a hyphenated UUID, a `date-time` RFC 3339), and every header the document marks required
//! must be there. Schemas are closed
//! (`additionalProperties: false`, every field required), so a field added, renamed or retyped
//! in code without the document fails here.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::LazyLock;

use reqwest::header::HeaderMap;
use serde_json::{Value, json};

static DOC: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(server::http::api::OPENAPI_JSON).expect("openapi.json is JSON")
});

/// Follows a local `$ref` (`#/components/...`) in the document.
fn resolve(v: &Value) -> &Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let pointer = r.strip_prefix('#').expect("local $ref");
            resolve(
                DOC.pointer(pointer)
                    .unwrap_or_else(|| panic!("dangling $ref {r}")),
            )
        }
        None => v,
    }
}

/// The documented response of `GET path` with `status`.
fn documented(path: &str, status: u16) -> &'static Value {
    let op = &DOC["paths"][path]["get"];
    assert!(op.is_object(), "{path} is not documented");
    let res = op["responses"]
        .get(status.to_string())
        .unwrap_or_else(|| panic!("status {status} of {path} is not documented"));
    resolve(res)
}

/// Validates `body` against the JSON schema of (`path`, `status`).
pub fn validate(path: &str, status: u16, body: &Value) {
    let response = documented(path, status);
    let Some(schema) = response.pointer("/content/application~1json/schema") else {
        panic!("{path} {status} documents no JSON body, got {body}");
    };
    // `#/components/...` refs resolve against the root of the schema document: give the
    // schema the document's components as a sibling.
    let mut root = schema.clone();
    root.as_object_mut()
        .expect("schema object")
        .insert("components".into(), DOC["components"].clone());
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("schema of {path} {status} does not compile: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{path} {status}: body does not match openapi.json:\n{}\nbody: {body}",
        errors.join("\n")
    );
}

/// Reads a response and checks it against the document; returns status, headers and body
/// (`null` for an empty body, which only a documented body-less status may have).
pub async fn check(res: reqwest::Response, path: &str) -> (u16, HeaderMap, Value) {
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let bytes = res.bytes().await.expect("body");
    required_headers(path, status, &headers);
    if bytes.is_empty() {
        let response = documented(path, status);
        assert!(
            response.get("content").is_none(),
            "{path} {status}: empty body, but the document promises one"
        );
        return (status, headers, Value::Null);
    }
    assert_eq!(
        headers.get("content-type").map(|v| v.to_str().unwrap()),
        Some("application/json"),
        "{path} {status}"
    );
    let body: Value = serde_json::from_slice(&bytes).expect("JSON body");
    validate(path, status, &body);
    (status, headers, body)
}

/// Every header the document marks `required` for (`path`, `status`) is in `headers`.
pub fn required_headers(path: &str, status: u16, headers: &HeaderMap) {
    let Some(documented) = documented(path, status)["headers"].as_object() else {
        return;
    };
    for (name, header) in documented {
        if resolve(header)["required"] == json!(true) {
            assert!(
                headers.contains_key(name.as_str()),
                "{path} {status}: the document requires the {name} header"
            );
        }
    }
}

#[test]
fn the_document_compiles_and_every_ref_resolves() {
    fn walk(v: &Value) {
        match v {
            Value::Object(m) => {
                if let Some(r) = m.get("$ref") {
                    resolve(&json!({ "$ref": r }));
                }
                m.values().for_each(walk);
            }
            Value::Array(a) => a.iter().for_each(walk),
            _ => {}
        }
    }
    walk(&DOC);
    for (name, _) in DOC["components"]["schemas"].as_object().expect("schemas") {
        let root = json!({
            "$ref": format!("#/components/schemas/{name}"),
            "components": DOC["components"].clone(),
        });
        jsonschema::draft202012::new(&root).expect(name);
    }
}

#[test]
fn schemas_are_closed_and_typed() {
    let schema = json!({
        "$ref": "#/components/schemas/SearchResponse",
        "components": DOC["components"].clone(),
    });
    let v = jsonschema::draft202012::new(&schema).expect("compiles");
    let ok = json!({"items": [], "total": 0, "totalCapped": false, "nextCursor": null});
    assert!(v.is_valid(&ok));
    let mut extra = ok.clone();
    extra["lang"] = json!("en");
    assert!(!v.is_valid(&extra), "an undocumented field fails");
    let mut stringy = ok.clone();
    stringy["total"] = json!("0");
    assert!(!v.is_valid(&stringy), "a number sent as a string fails");
    let missing = json!({"items": [], "total": 0, "totalCapped": false});
    assert!(!v.is_valid(&missing), "a missing field fails");
}

/// The text parameters' documented schema accepts exactly the values the catalog parser
/// accepts: surrounding whitespace ignored (whitespace only is absent), then at most 64
/// characters and no control character. Fuzzing found the two disagreeing on a lone vertical tab.
#[test]
fn text_parameter_schema_matches_the_parser() {
    let root = json!({
        "$ref": "#/components/parameters/make/schema",
        "components": DOC["components"].clone(),
    });
    let schema = jsonschema::draft202012::new(&root).expect("compiles");
    let long = "A".repeat(64);
    for value in [
        "FORD".to_owned(),
        String::new(),
        "\u{b}".to_owned(),
        " \tFORD \n".to_owned(),
        "\u{3000}FORD\u{85}".to_owned(),
        "FO\tRD".to_owned(),
        "\u{b}A\u{1}".to_owned(),
        "\u{1c}FORD".to_owned(),
        "X\u{85}Y".to_owned(),
        long.clone(),
        format!("{long}A"),
        format!(" {long} "),
        format!("A{}", " ".repeat(70)),
        format!("A{}B", " ".repeat(70)),
    ] {
        let parser = vinops::catalog::CatalogQuery::from_pairs([("make", value.clone())]).is_ok();
        assert_eq!(
            schema.is_valid(&json!(value)),
            parser,
            "{value:?}: the document and the parser disagree"
        );
    }
}
