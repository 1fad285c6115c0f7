use envspec::EnvEnum;

#[derive(EnvEnum)]
#[env(rename_all = "snake-case")]
enum Backend {
    #[env(rename = "")]
    Postgres,
    #[env(alias = " ")]
    Sqlite,
}

fn main() {}
