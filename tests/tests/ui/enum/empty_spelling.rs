use config_runtime::EnvEnum;

#[derive(EnvEnum)]
#[env(rename_all = "snake-case")]
enum Backend {
    #[env(rename = "")]
    Postgres,
    #[env(alias = " ")]
    Sqlite,
}

fn main() {}
