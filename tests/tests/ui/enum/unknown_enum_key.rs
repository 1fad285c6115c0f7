use envspec::EnvEnum;

#[derive(EnvEnum)]
#[env(rename_al = "kebab-case")]
enum Backend {
    Postgres,
    Sqlite,
}

fn main() {}
