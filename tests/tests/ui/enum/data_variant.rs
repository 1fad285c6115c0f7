use config_runtime::EnvEnum;

#[derive(EnvEnum)]
enum Backend {
    Sqlite,
    Postgres(String),
    Mysql { url: String },
}

fn main() {}
