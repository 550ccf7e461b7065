//! `attrition sync` end to end against a real HTTP server on 127.0.0.1 (written by a helper).
