use envspec::EnvEnum;

#[derive(EnvEnum)]
#[env(rename_all = "camelCase")]
enum Backend {
    Sqlite,
    Postgres,
}

fn main() {}
