use config_runtime::EnvEnum;

#[derive(EnvEnum)]
enum Backend {
    #[env(renam = "pg")]
    Postgres,
    Sqlite,
}

fn main() {}
