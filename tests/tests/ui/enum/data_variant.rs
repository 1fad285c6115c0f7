use envspec::EnvEnum;

#[derive(EnvEnum)]
enum Backend {
    Sqlite,
    Postgres(String),
    Mysql { url: String },
}

fn main() {}
