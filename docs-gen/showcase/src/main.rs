//! `cargo run -p docs-gen`: regenerates the documents of this workspace's showcase
//! configurations under `docs/examples/`. See `envspec_docs::cli` for the commands.

mod showcase;

fn main() -> std::process::ExitCode {
    envspec_docs::cli::main(&showcase::registry())
}
