//! `cargo run -p docs-gen`: regenerates the documents of this workspace's showcase
//! configurations under `docs/examples/`. See `docs_gen::cli` for the commands.

mod showcase;

fn main() -> std::process::ExitCode {
    docs_gen::cli::main(&showcase::registry())
}
