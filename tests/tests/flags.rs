//! Command-line flags from the same declaration (feature `clap`): named by field path, above
//! every other source, parsed and checked like the environment; secrets only by opting in.

#![allow(dead_code)] // Fields exist to be loaded.

mod support;

use envspec::{EnvConfig, EnvEnum, Flags, Origin, SecretString, ValueSource};

#[derive(EnvEnum, Debug, PartialEq)]
enum Mode {
    /// One process.
    Single,
    /// Several.
    Cluster,
}

#[derive(EnvConfig, Debug)]
struct Db {
    /// Where the database is: a URL whose password
    /// stays out of any help text.
    ///
    /// More details that help does not show.
    #[env(default = "postgres://app:CANARY-pw@localhost/app")]
    url: String,
}

#[derive(EnvConfig, Debug)]
struct Logging {
    #[env(default = "info")]
    log_level: String,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_")]
struct App {
    /// Port to listen on.
    #[env(default = 8080, range = 1..=65535)]
    api_port: u16,
    #[env(default = false)]
    debug: bool,
    #[env(default = "single")]
    mode: Mode,
    #[env(nested, prefix = "S3_")]
    s3: Db,
    #[env(flatten)]
    logging: Logging,
    /// A secret: never a flag; its `_FILE` form is.
    #[env(secret)]
    token: Option<SecretString>,
    /// A secret that opts in.
    #[env(secret, flag)]
    dev_token: Option<SecretString>,
}

fn load(args: &[&str], env: &[(&str, &str)]) -> Result<envspec::Loaded<App>, String> {
    let argv = std::iter::once("app").chain(args.iter().copied());
    let loader = App::loader().env_map(env.iter().copied()).args(argv).map_err(|e| e.to_string())?;
    loader.load().map_err(|e| e.to_string())
}

#[test]
fn flags_are_named_by_field_path_and_win_over_every_source() {
    let app = load(
        &["--api-port", "9090", "--debug", "--mode", "cluster", "--s3-url", "s3://b", "--log-level", "warn"],
        &[("APP_API_PORT", "1"), ("APP_DEBUG", "false")],
    )
    .unwrap();
    assert_eq!((app.api_port, app.debug, &app.mode), (9090, true, &Mode::Cluster));
    assert_eq!((app.s3.url.as_str(), app.logging.log_level.as_str()), ("s3://b", "warn"));
    let p = app.provenance().iter().find(|p| p.variable == "APP_API_PORT").unwrap();
    assert_eq!(p.source, ValueSource::Set(Origin::Flag { flag: "--api-port".into() }));
    assert_eq!(p.source.to_string(), "flag --api-port");
    // `--debug=false` says false; an unset flag leaves the environment's value.
    let app = load(&["--debug=false"], &[("APP_API_PORT", "7")]).unwrap();
    assert_eq!((app.debug, app.api_port), (false, 7));
    // Over a TOML file and a .env file too.
    let dir = support::scratch("flags-precedence");
    let toml = support::write(&dir, "config.toml", "api_port = 1\n");
    let dotenv = support::write(&dir, ".env", "APP_API_PORT=2\n");
    let app = App::loader()
        .empty_env()
        .toml_file(&toml)
        .dotenv(&dotenv)
        .files_override_env()
        .args(["app", "--api-port", "3"])
        .unwrap()
        .load()
        .unwrap();
    assert_eq!(app.api_port, 3);
}

#[test]
fn a_flags_value_goes_through_the_same_parsers_and_rules() {
    let err = load(&["--api-port", "0", "--mode", "swarm"], &[("APP_DEBUG", "maybe")]).unwrap_err();
    assert!(err.contains("APP_API_PORT = \"0\" must be 1–65535"), "{err}");
    assert!(err.contains("APP_MODE = \"swarm\" is invalid"), "{err}");
    assert!(err.contains("APP_DEBUG = \"maybe\" is invalid"), "every problem at once, flags and environment: {err}");
}

#[test]
fn a_secret_is_a_flag_only_by_opting_in_and_its_value_never_shows() {
    let canary = "CANARY-flag-secret-77";
    // `--token` does not exist; clap says so, with no value in the message.
    let err = load(&["--token", canary], &[]).unwrap_err();
    assert!(err.contains("--token") && !err.contains(canary), "{err}");
    // Its `_FILE` form does.
    let dir = support::scratch("flags-secret");
    let file = support::write(&dir, "token", &format!("{canary}\n"));
    let app = load(&["--token-file", file.to_str().unwrap()], &[]).unwrap();
    assert!(app.token.is_some());
    // A secret that opts in is a flag, masked like any secret.
    let app = load(&["--dev-token", canary], &[]).unwrap();
    let shown = format!("{app:?} {:?} {}", app.provenance(), app.status());
    assert!(app.dev_token.is_some() && !shown.contains(canary), "{shown}");
    let loader = App::loader().args(["app", "--dev-token", canary]).unwrap();
    assert!(!format!("{loader:?}").contains(canary));
}

#[test]
fn help_shows_each_flags_variable_default_values_and_description() {
    let help = envspec::flags::command::<App>().render_help().to_string();
    for expected in [
        "--api-port <NUMBER>",
        "Port to listen on. [env: APP_API_PORT] [default: 8080]",
        "--mode <VALUE>",
        "[possible values: single, cluster]",
        "--s3-url <TEXT>",
        "Where the database is: a URL whose password stays out of any help text. [env: APP_S3_URL] [default: postgres://app:***@localhost/app]",
        "--log-level <TEXT>",
        "--token-file <PATH>",
        "File holding the value of APP_TOKEN [env: APP_TOKEN_FILE]",
        "--dev-token <TEXT>",
    ] {
        assert!(help.contains(expected), "{expected:?} not in:\n{help}");
    }
    assert!(!help.contains("--token <"), "a secret is not a flag:\n{help}");
    assert!(!help.contains("CANARY") && !help.contains("More details"), "{help}");
}

#[test]
fn flags_flatten_into_a_command_derived_with_clap() {
    use clap::Parser;
    #[derive(Parser)]
    struct Cli {
        #[arg(long)]
        verbose: bool,
        #[command(flatten)]
        config: Flags<App>,
    }
    let cli = Cli::try_parse_from(["app", "--verbose", "--api-port", "4000"]).unwrap();
    assert!(cli.verbose);
    let app = App::loader().env_map([("APP_API_PORT", "1")]).flags(&cli.config).load().unwrap();
    assert_eq!(app.api_port, 4000);
    assert_eq!(format!("{:?}", cli.config), "Flags { given: [\"--api-port\"] }");
}
