use envspec::EnvEnum;

// `alias(...)` takes a list, as on fields; each spelling is still checked.
#[derive(EnvEnum)]
enum Backend {
    #[env(alias("pg", "psql"))]
    Postgres,
    #[env(alias("lite", "pg"))]
    Sqlite,
    #[env(alias())]
    Mysql,
}

fn main() {}
