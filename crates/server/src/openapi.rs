//! The OpenAPI 3.0 description served at `/api/v1/openapi.json`. It is written by hand beside
//! the handlers; `tests/api.rs` holds the two together: every documented path and parameter is
//! called on a real server and every answer is validated against the documented schema, and
//! every undocumented parameter is refused.

use serde_json::{Value, json};
use std::sync::OnceLock;

fn param(name: &str, description: &str, schema: Value, example: Option<&str>) -> Value {
    let mut p = json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema});
    if let Some(example) = example {
        p["example"] = json!(example);
    }
    p
}

fn category_path() -> Value {
    json!({
        "name": "category", "in": "path", "required": true,
        "description": "a category id, as listed by /api/v1/categories",
        "schema": {"type": "string", "enum": attrition_model::Category::ALL.iter().map(|c| c.id()).collect::<Vec<_>>()},
        "example": "personnel"
    })
}

fn convention() -> Value {
    param(
        "convention",
        "loss-day (default): the report dated D counts as the losses of D-1; report-day: rows as dated",
        json!({"type": "string", "enum": ["loss-day", "report-day"], "default": "loss-day"}),
        Some("report-day"),
    )
}

fn net() -> Value {
    param(
        "net",
        "totals net of the General Staff's corrections",
        json!({"type": "boolean", "default": false}),
        Some("true"),
    )
}

fn as_of() -> Value {
    param(
        "as_of",
        "use only the reports dated on or before this day",
        json!({"type": "string", "format": "date"}),
        Some("2024-10-01"),
    )
}

fn format() -> Value {
    param(
        "format",
        "json (default) or csv",
        json!({"type": "string", "enum": ["json", "csv"], "default": "json"}),
        Some("csv"),
    )
}

fn schema_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

/// A 200 answer of schema `name`, with CSV beside it when `csv`.
fn ok(name: &str, csv: bool) -> Value {
    let mut content = json!({"application/json": {"schema": schema_ref(name)}});
    if csv {
        content["text/csv"] = json!({"schema": {"type": "string"}});
    }
    json!({
        "200": {"description": "the figures, with their source, data version and convention",
                "headers": {
                    "X-Attrition-Data-Version": {"schema": {"type": "string"}, "description": "source and last report used"},
                    "X-Attrition-Convention": {"schema": {"type": "string"}, "description": "the date convention"}
                },
                "content": content},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "404": {"$ref": "#/components/responses/NotFound"},
        "503": {"$ref": "#/components/responses/Unavailable"}
    })
}

fn get(summary: &str, parameters: Vec<Value>, response: &str, csv: bool) -> Value {
    json!({"get": {"summary": summary, "parameters": parameters, "responses": ok(response, csv)}})
}

/// An object with every property required (nullable ones included).
fn object(properties: Value) -> Value {
    let required: Vec<String> = properties.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default();
    json!({"type": "object", "required": required, "properties": properties})
}

/// `schema` or null. A `$ref` cannot carry siblings in OpenAPI 3.0, so it is wrapped in `allOf`.
fn nullable(mut schema: Value) -> Value {
    if schema.get("$ref").is_some() {
        return json!({"allOf": [schema], "nullable": true});
    }
    schema["nullable"] = json!(true);
    schema
}

fn date() -> Value {
    json!({"type": "string", "format": "date"})
}

fn integer() -> Value {
    json!({"type": "integer"})
}

fn number() -> Value {
    json!({"type": "number"})
}

fn string() -> Value {
    json!({"type": "string"})
}

fn array(items: Value) -> Value {
    json!({"type": "array", "items": items})
}

fn envelope(fields: Value) -> Value {
    let mut properties = json!({"meta": schema_ref("Meta")});
    if let (Some(map), Some(extra)) = (properties.as_object_mut(), fields.as_object()) {
        map.extend(extra.clone());
    }
    object(properties)
}

fn figure() -> Value {
    object(json!({
        "label": string(), "start": date(), "end": date(), "days": integer(), "total": integer(),
        "daily_average": number(), "corrections": integer(), "cumulative_end": integer(),
        "qualifier": nullable(string())
    }))
}

fn ranked_period() -> Value {
    object(json!({
        "rank": nullable(integer()), "shared_rank": nullable(integer()), "pace_rank": nullable(integer()),
        "period_start": date(), "period_end": date(), "label": string(), "start": date(), "end": date(),
        "days": integer(), "total": integer(), "daily_average": number(), "corrections": integer(),
        "cumulative_end": integer(), "incomplete": nullable(string())
    }))
}

fn day_report() -> Value {
    object(json!({"day": date(), "report": date()}))
}

fn schemas() -> Value {
    json!({
        "Meta": object(json!({
            "source": string(), "source_description": string(), "data_version": string(),
            "generation": integer(), "last_report": date(),
            "convention": {"type": "string", "enum": ["loss-day", "report-day"]},
            "convention_meaning": string(), "net_of_corrections": {"type": "boolean"},
            "as_of": nullable(date())
        })),
        "Error": object(json!({"error": object(json!({
            "status": integer(), "parameter": nullable(string()), "message": string()
        }))})),
        "Health": object(json!({"status": {"type": "string", "enum": ["ok", "empty"]},
                                "data_version": nullable(string()), "last_report": nullable(date()),
                                "generation": integer(), "loaded_at": string()})),
        "Figure": figure(),
        "RankedPeriod": ranked_period(),
        "DayReport": day_report(),
        "Categories": envelope(json!({"categories": array(object(json!({
            "id": string(), "label": string(), "first_report": nullable(date()), "last_report": nullable(date()),
            "cumulative": nullable(integer()), "stopped": {"type": "boolean"}, "notes": array(string())
        })))})),
        "Summary": envelope(json!({
            "briefing": object(json!({
                "source": string(), "latest_report": date(), "war_day": integer(), "last_day": date(),
                "convention": string(), "net_of_corrections": {"type": "boolean"},
                "categories": array(object(json!({
                    "category": string(), "cumulative": integer(), "qualifier": nullable(string()),
                    "last_day": nullable(schema_ref("Figure")), "last_7_days": nullable(schema_ref("Figure")),
                    "last_30_days": nullable(schema_ref("Figure")),
                    "previous_30_days": nullable(json!({"type": "object"})),
                    "month_to_date": nullable(schema_ref("RankedPeriod")),
                    "previous_month": nullable(schema_ref("RankedPeriod")),
                    "months_ranked": integer(), "year_to_date": nullable(schema_ref("Figure")),
                    "same_span_last_year": nullable(json!({"type": "object"})),
                    "records": json!({"type": "object"}), "notes": array(string())
                }))),
                "data_version": json!({"type": "object"})
            })),
            "outlook": nullable(object(json!({
                "category": string(), "threshold": integer(), "model": string(),
                "median": nullable(schema_ref("DayReport")), "q10": nullable(schema_ref("DayReport")),
                "q90": nullable(schema_ref("DayReport"))
            })))
        })),
        "Series": envelope(json!({
            "category": string(), "label": string(), "from": date(), "to": date(), "windows": array(integer()),
            "rows": array(object(json!({
                "day": date(), "report_date": date(), "cumulative": nullable(integer()),
                "published": nullable(integer()), "correction": integer(), "net": nullable(integer()),
                "qualifier": nullable(string()), "flags": json!({"type": "object"}),
                "total": nullable(integer()), "averages": array(nullable(number()))
            })))
        })),
        "Totals": envelope(json!({
            "figure": object(json!({
                "category": string(), "period": string(), "kind": string(), "convention": string(),
                "net_of_corrections": {"type": "boolean"}, "start": date(), "end": date(), "days": integer(),
                "total": integer(), "published_total": integer(), "corrections": integer(),
                "daily_average": number(), "cumulative_start": integer(), "cumulative_end": integer(),
                "qualifier": nullable(string())
            })),
            "rank": nullable(object(json!({
                "rank": nullable(integer()), "pace_rank": nullable(integer()), "of": integer(), "among": string(),
                "as_of": date(), "incomplete": nullable(string())
            })))
        })),
        "Rankings": envelope(json!({"ranking": object(json!({
            "category": string(), "kind": string(), "convention": string(), "net_of_corrections": {"type": "boolean"},
            "include_partial": {"type": "boolean"}, "as_of": date(), "last_day": date(), "ranked": integer(),
            "periods": array(schema_ref("RankedPeriod")), "unavailable": array(string()),
            "data_version": json!({"type": "object"})
        }))})),
        "Records": envelope(json!({"records": object(json!({
            "category": string(), "convention": string(), "net_of_corrections": {"type": "boolean"},
            "day": nullable(schema_ref("RankedPeriod")), "week": nullable(schema_ref("RankedPeriod")),
            "month": nullable(schema_ref("RankedPeriod")), "quarter": nullable(schema_ref("RankedPeriod")),
            "year": nullable(schema_ref("RankedPeriod")), "data_version": json!({"type": "object"})
        }))})),
        "Forecast": envelope(json!({"forecast": object(json!({
            "category": string(), "convention": string(), "model": string(), "method": string(),
            "window": integer(), "last_day": schema_ref("DayReport"), "last_value": integer(),
            "recent_rate": number(), "rate_window": integer(), "seed": integer(), "filled_days": integer(),
            "path": array(object(json!({
                "day": date(), "report": date(), "horizon": integer(), "mean": number(),
                "quantiles": {"type": "array", "items": number(), "minItems": 5, "maxItems": 5},
                "actual": nullable(integer())
            }))),
            "crossing": nullable(object(json!({
                "threshold": integer(), "already": nullable(schema_ref("DayReport")),
                "quantiles": array(nullable(schema_ref("DayReport"))), "searched_to": date(),
                "by": nullable(json!({"type": "array"})), "actual": nullable(schema_ref("DayReport"))
            })))
        }))})),
        "Assessments": envelope(json!({"assessments": array(object(json!({
            "assessment": object(json!({
                "id": string(), "organisation": string(), "published": date(), "side": string(),
                "metric": string(), "low": nullable(number()), "best": nullable(number()), "high": nullable(number()),
                "origin": string()
            })),
            "series": nullable(object(json!({
                "value": number(), "metric": string(), "computed": string(), "ratio": nullable(number())
            }))),
            "definitions": string()
        })))})),
        "ClaimsRequest": {
            "type": "object", "required": ["text", "date"], "additionalProperties": false,
            "properties": {"text": {"type": "string", "maxLength": crate::MAX_BODY},
                           "date": {"type": "string", "format": "date"}}
        },
        "ClaimsChecked": envelope(json!({"date": date(), "claims": array(object(json!({
            "claim": object(json!({
                "span": {"type": "array", "items": integer(), "minItems": 2, "maxItems": 2},
                "quote": string(), "metric": nullable(string()), "low": nullable(number()), "high": nullable(number())
            })),
            "verdict": string()
        })))})),
        "WriteResult": {"type": "object"}
    })
}

fn build() -> Value {
    let error_response = |description: &str| json!({"description": description, "content": {"application/json": {"schema": schema_ref("Error")}}});
    let token = json!([{"token": []}]);
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "attrition API",
            "version": "1",
            "description": "Reported military losses (the General Staff of the Armed Forces of Ukraine's daily reports) and the figures derived from them. Every answer names its source, data version and date convention.",
            "license": {"name": "MIT OR Apache-2.0"}
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/healthz": {"get": {"summary": "liveness and the data version", "parameters": [],
                "responses": {"200": {"description": "serving", "content": {"application/json": {"schema": schema_ref("Health")}}},
                              "503": {"description": "the store is empty", "content": {"application/json": {"schema": schema_ref("Health")}}}}}},
            "/api/v1/openapi.json": {"get": {"summary": "this document", "parameters": [],
                "responses": {"200": {"description": "OpenAPI 3.0", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
            "/api/v1/categories": get("the categories with their first and last report and cumulative count", vec![as_of()], "Categories", false),
            "/api/v1/summary": get("the daily briefing", vec![convention(), net(), as_of()], "Summary", false),
            "/api/v1/series/{category}": get(
                "the daily series: as published, corrections, net, and rolling averages",
                vec![category_path(), convention(), net(), as_of(),
                     param("from", "first day (default: the invasion)", date(), Some("2024-09-01")),
                     param("to", "last day (default: the last day of the data)", date(), Some("2024-09-30")),
                     param("windows", "rolling-average windows in days, comma-separated, at most 4 of 1..365", string(), Some("7,30")),
                     format()],
                "Series", true),
            "/api/v1/totals/{category}": get(
                "a period's total, daily average and cumulative count, with its rank",
                vec![category_path(), convention(), net(), as_of(),
                     param("period", "2024-09, 2024-W39, 2024-Q3, 2024, 2024-09-26 or all", string(), Some("2024-09")),
                     param("from", "first day of a range (with to)", date(), None),
                     param("to", "last day of a range (with from)", date(), None)],
                "Totals", false),
            "/api/v1/rankings/{category}": get(
                "periods ranked by total",
                vec![category_path(), convention(), net(), as_of(),
                     param("by", "period kind", json!({"type": "string", "enum": ["day", "week", "month", "quarter", "year"], "default": "month"}), Some("quarter")),
                     param("top", "only the first N", json!({"type": "integer", "minimum": 1, "maximum": 100_000}), Some("10")),
                     param("order", "rank (default) or time", json!({"type": "string", "enum": ["rank", "time"]}), Some("time")),
                     param("include_partial", "rank incomplete periods too", json!({"type": "boolean"}), Some("true")),
                     format()],
                "Rankings", true),
            "/api/v1/records/{category}": get("the highest complete day, week, month, quarter and year",
                vec![category_path(), convention(), net(), as_of()], "Records", false),
            "/api/v1/forecast/{category}": get(
                "the cumulative count ahead with 80% and 95% intervals; a threshold's crossing date and probability",
                vec![category_path(), convention(), as_of(),
                     param("model", "forecast model", json!({"type": "string", "enum": ["calibrated", "local-level", "local-trend", "recent-rate", "negative-binomial"], "default": "calibrated"}), Some("local-level")),
                     param("horizon", "days ahead", json!({"type": "integer", "minimum": 1, "maximum": crate::api::MAX_HORIZON, "default": 90}), Some("30")),
                     param("reach", "a threshold: 750000, 750k or 1.5M", string(), Some("2M")),
                     param("by", "the probability of reaching the threshold by this day", date(), None),
                     param("seed", "random seed of the sampling models", json!({"type": "integer", "minimum": 0}), Some("7")),
                     format()],
                "Forecast", true),
            "/api/v1/assessments": {
                "get": {"summary": "published estimates beside the General Staff series",
                    "parameters": [
                        param("metric", "personnel_losses, killed, named_killed, wounded, casualties, recruited, equipment:CATEGORY …", string(), Some("killed")),
                        param("side", "russia or ukraine", json!({"type": "string", "enum": ["russia", "ukraine", "ussr"]}), Some("russia")),
                        param("origin", "curated, user or economist", json!({"type": "string", "enum": ["curated", "user", "economist"]}), Some("curated")),
                        param("search", "organisation name contains", string(), Some("BBC")),
                        convention(), as_of(), format()],
                    "responses": ok("Assessments", true)},
                "post": {"summary": "add assessments (the registry's CSV format); needs the token",
                    "security": token,
                    "requestBody": {"required": true, "content": {"text/csv": {"schema": {"type": "string"}}}},
                    "responses": {
                        "200": {"description": "stored", "content": {"application/json": {"schema": schema_ref("WriteResult")}}},
                        "400": {"$ref": "#/components/responses/BadRequest"},
                        "401": error_response("wrong or missing token"),
                        "403": error_response("the server is read-only"),
                        "413": error_response("body too large")}}
            },
            "/api/v1/claims/check": {"post": {
                "summary": "every numeric loss claim of a text, checked against the data as of its date",
                "requestBody": {"required": true, "content": {"application/json": {"schema": schema_ref("ClaimsRequest")}}},
                "responses": {
                    "200": {"description": "claims with verdicts", "content": {"application/json": {"schema": schema_ref("ClaimsChecked")}}},
                    "400": {"$ref": "#/components/responses/BadRequest"},
                    "413": error_response("body over 1 MiB, or text over the server's --max-claim-text (256 KiB by default)"),
                    "503": error_response("the check ran out of time (--timeout) and its work was stopped")}}},
            "/api/v1/sync": {"post": {
                "summary": "fetch the daily series from the configured upstream; needs the token",
                "security": token,
                "responses": {
                    "200": {"description": "stored", "content": {"application/json": {"schema": schema_ref("WriteResult")}}},
                    "401": error_response("wrong or missing token"),
                    "403": error_response("the server is read-only"),
                    "502": error_response("the upstream failed; the store is unchanged")}}}
        },
        "components": {
            "schemas": schemas(),
            "responses": {
                "BadRequest": error_response("a parameter is unknown, malformed or out of range; `parameter` names it"),
                "NotFound": error_response("no such category, or no data for the period asked"),
                "Unavailable": error_response("the store holds no data yet")
            },
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}
        }
    })
}

/// The document, built once.
pub fn document() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| serde_json::to_string_pretty(&build()).unwrap_or_default())
}

/// The document as a value (for tests and tools).
#[must_use]
pub fn value() -> Value {
    build()
}
