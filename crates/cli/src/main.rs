//! The `attrition` command: see the library crate for everything it does.

fn main() -> std::process::ExitCode {
    attrition::run()
}
