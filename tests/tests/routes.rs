//! Every route to a value obeys the rules of the canonical one. A profile, a condition, a
//! default or a bound reached through an alias, a `_FILE`, an enum alias, a fallback, a `.env`
//! file, a nested struct or an overlay is judged exactly as the variable's own name is.

#![allow(dead_code)] // Some fields exist only to be read and checked.

mod support;

use envspec::schema::TypeKind;
use envspec::{EnvConfig, EnvEnum, LoadError, OverlayProblem, Problem, Warning};

#[derive(EnvEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Profile {
    Development,
    Staging,
    #[env(alias = "prod")]
    Production,
}

fn messages(err: &LoadError) -> Vec<String> {
    err.problems().iter().map(|p| p.to_string()).collect()
}

fn warnings(w: &[Warning]) -> Vec<String> {
    w.iter().map(|w| w.to_string()).collect()
}

// ---------------------------------------------------------------------------------------
// The profile

/// The profile variable has every route: a name, an alias, a `_FILE`, a fallback, and an
/// enum whose production variant has the alias `prod`.
#[derive(EnvConfig, Debug)]
#[env(prefix = "APP_")]
struct Deploy {
    #[env(profile, alias = "ENV", file, fallback("DEPLOY_ENV"), default = "development")]
    environment: Profile,
    #[env(required_in(production))]
    api_key: Option<String>,
}

/// Each way of saying "production", as the sources a load is given.
fn production_routes(dir: &std::path::Path) -> Vec<(&'static str, Vec<(String, String)>)> {
    let file = support::write(dir, "profile", "production\n");
    let alias_file = support::write(dir, "profile-alias", "prod");
    let pair = |k: &str, v: &str| vec![(k.to_owned(), v.to_owned())];
    vec![
        ("its name", pair("APP_ENVIRONMENT", "production")),
        ("its alias", pair("APP_ENV", "production")),
        ("an enum alias", pair("APP_ENVIRONMENT", "prod")),
        ("an enum alias through its alias, in capitals", pair("APP_ENV", "PROD")),
        ("its _FILE", pair("APP_ENVIRONMENT_FILE", file.to_str().unwrap())),
        ("its _FILE holding an enum alias", pair("APP_ENVIRONMENT_FILE", alias_file.to_str().unwrap())),
        ("its fallback", pair("DEPLOY_ENV", "production")),
    ]
}

#[test]
fn production_rules_hold_by_every_route_to_the_profile() {
    let dir = support::scratch("profile-routes");
    for (route, pairs) in production_routes(&dir) {
        let err = Deploy::loader().env_map(pairs).load().expect_err(route);
        assert_eq!(messages(&err), ["APP_API_KEY must be set in production"], "profile set through {route}");
    }
    let dotenv = support::write(&dir, ".env", "APP_ENV=prod\n");
    let err = Deploy::loader().env_map::<&str, &str>([]).dotenv(&dotenv).load().expect_err(".env");
    assert_eq!(messages(&err), ["APP_API_KEY must be set in production"], "profile set in a .env file by alias");
    // And the default profile imposes nothing.
    let loaded = Deploy::loader().env_map::<&str, &str>([]).load().unwrap();
    assert_eq!(loaded.profile(), Some("development"));
}

#[test]
fn the_profile_from_an_alias_is_named_canonically() {
    let loaded = Deploy::loader().env_map([("APP_ENV", "PROD"), ("APP_API_KEY", "k")]).load().unwrap();
    assert_eq!(loaded.profile(), Some("production"));
    assert_eq!(loaded.environment, Profile::Production);
}

/// A struct with profile rules that declares no profiles and holds no profile field: its
/// rules use the profile of whatever configuration nests it.
#[derive(EnvConfig, Debug)]
struct Database {
    #[env(required_in(production))]
    password: Option<String>,
}

#[derive(EnvConfig, Debug)]
struct Runtime {
    #[env(profile, default = "development")]
    deployment: Profile,
}

/// The profile field sits in a nested struct; the rules live in the root and in a sibling.
#[derive(EnvConfig, Debug)]
#[env(prefix = "SVC_")]
struct Service {
    #[env(nested)]
    runtime: Runtime,
    #[env(required_in(production))]
    token: Option<String>,
    #[env(nested, prefix = "DB_")]
    db: Database,
}

#[test]
fn a_profile_field_in_a_nested_struct_selects_the_profile_of_the_whole_configuration() {
    let schema = Service::schema();
    assert_eq!(schema.profile.as_ref().map(|p| p.variable.as_str()), Some("SVC_DEPLOYMENT"));
    let err = Service::loader().env_map([("SVC_DEPLOYMENT", "prod")]).load().unwrap_err();
    assert_eq!(messages(&err), ["SVC_TOKEN must be set in production", "SVC_DB_PASSWORD must be set in production"]);
    assert!(Service::loader().env_map([("SVC_DEPLOYMENT", "staging")]).load().is_ok());
}

// ---------------------------------------------------------------------------------------
// Conditions

#[derive(EnvEnum, Debug, Clone, Copy, PartialEq, Eq)]
enum Adapter {
    Sqlite,
    #[env(alias = "mongo")]
    Mongodb,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "STORE_")]
struct Store {
    #[env(default = "sqlite", alias = "KIND", file)]
    adapter: Adapter,
    #[env(required_if(adapter = "mongodb"))]
    mongo_uri: Option<String>,
    #[env(read_if(adapter = "sqlite"), default = "db.sqlite")]
    sqlite_path: String,
    #[env(alias = "MAIL_HOST")]
    smtp_host: Option<String>,
    #[env(required_with(smtp_host))]
    smtp_user: Option<String>,
}

#[test]
fn conditions_hold_by_every_route_to_the_variable_they_test() {
    let dir = support::scratch("condition-routes");
    let file = support::write(&dir, "adapter", "mongo\n");
    let routes: [(&str, &str, &str); 5] = [
        ("its name", "STORE_ADAPTER", "mongodb"),
        ("its alias", "STORE_KIND", "mongodb"),
        ("an enum alias", "STORE_ADAPTER", "mongo"),
        ("an enum alias through its alias, in capitals", "STORE_KIND", "MONGO"),
        ("its _FILE holding an enum alias", "STORE_ADAPTER_FILE", file.to_str().unwrap()),
    ];
    for (route, name, value) in routes {
        let err = Store::loader().env_map([(name, value), ("STORE_SQLITE_PATH", "stray")]).load().expect_err(route);
        assert_eq!(
            messages(&err),
            ["STORE_MONGO_URI is required when STORE_ADAPTER=mongodb but not set"],
            "adapter set through {route}"
        );
        let loaded = Store::loader()
            .env_map([(name, value), ("STORE_MONGO_URI", "mongodb://db"), ("STORE_SQLITE_PATH", "stray")])
            .load()
            .expect(route);
        assert_eq!(loaded.adapter, Adapter::Mongodb, "{route}");
        // `read_if(adapter = "sqlite")` does not hold, so the stray value is not read.
        assert_eq!(loaded.sqlite_path, "db.sqlite", "{route}");
    }
    let sqlite = Store::loader().env_map([("STORE_KIND", "SQLITE"), ("STORE_SQLITE_PATH", "x.db")]).load().unwrap();
    assert_eq!(sqlite.sqlite_path, "x.db");
}

#[test]
fn required_with_holds_when_its_variable_is_set_by_an_alias() {
    let err = Store::loader().env_map([("STORE_MAIL_HOST", "smtp.test")]).load().unwrap_err();
    assert_eq!(messages(&err), ["STORE_SMTP_USER is required when STORE_SMTP_HOST is set but not set"]);
    // A default does not make a variable "set".
    assert!(Store::loader().env_map::<&str, &str>([]).load().is_ok());
}

/// Where credentials go; the selector has an alias of its own.
#[derive(EnvConfig, Debug)]
#[env(selector = "VAULT", alias = "VAULT_KIND", default = "file")]
enum Vault {
    File,
    #[env(rename = "aws_kms", alias = "kms")]
    AwsKms(Kms),
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "KMS_")]
struct Kms {
    region: String,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "V_")]
struct Vaulted {
    #[env(nested)]
    vault: Vault,
}

#[test]
fn a_group_selector_picks_its_variant_by_every_route() {
    for (name, value) in
        [("V_VAULT", "aws_kms"), ("V_VAULT", "KMS"), ("V_VAULT_KIND", "aws_kms"), ("V_VAULT_KIND", "kms")]
    {
        let err = Vaulted::loader().env_map([(name, value)]).load().unwrap_err();
        assert_eq!(messages(&err), ["V_KMS_REGION is required but not set"], "{name}={value}");
        let loaded = Vaulted::loader().env_map([(name, value), ("V_KMS_REGION", "eu")]).load().unwrap();
        assert!(matches!(&loaded.vault, Vault::AwsKms(k) if k.region == "eu"), "{name}={value}");
    }
}

// ---------------------------------------------------------------------------------------
// Values compared as values

#[derive(EnvConfig, Debug)]
struct Seeded {
    #[env(profile, default = "production")]
    environment: Profile,
    #[env(default = 0, not_default_in(production))]
    seed: u32,
    #[env(default = false, not_default_in(production))]
    audited: bool,
    #[env(default = "sqlite", not_default_in(production))]
    adapter: Adapter,
}

#[test]
fn not_default_in_refuses_every_spelling_of_the_default() {
    let ok = [("AUDITED", "yes"), ("ADAPTER", "mongodb")];
    for zero in ["0", "00", "+0", "0_0", " 0", "0 "] {
        let err = Seeded::loader().env_map(ok.iter().copied().chain([("SEED", zero)])).load().unwrap_err();
        assert_eq!(messages(&err), ["SEED must be changed from its default in production"], "SEED={zero:?}");
    }
    for no in ["false", "0", "no", "OFF"] {
        let err = Seeded::loader().env_map([("SEED", "1"), ("ADAPTER", "mongo"), ("AUDITED", no)]).load().unwrap_err();
        assert_eq!(messages(&err), ["AUDITED must be changed from its default in production"], "AUDITED={no}");
    }
    let err = Seeded::loader().env_map([("SEED", "1"), ("AUDITED", "1"), ("ADAPTER", "SQLite")]).load().unwrap_err();
    assert_eq!(messages(&err), ["ADAPTER must be changed from its default in production"]);
    assert!(Seeded::loader().env_map([("SEED", "1"), ("AUDITED", "1"), ("ADAPTER", "mongo")]).load().is_ok());
}

#[derive(EnvConfig, Debug)]
struct Big {
    #[env(max = 9007199254740992)]
    exact: Option<u64>,
    #[env(lt = u64::MAX)]
    below_max: Option<u64>,
    #[env(gt = i64::MIN)]
    above_min: Option<i64>,
    #[env(range = 0..=18446744073709551615)]
    whole: Option<u64>,
}

#[test]
fn integer_rules_compare_exactly() {
    let load = |k: &str, v: &str| Big::loader().env_map([(k, v)]).load();
    assert!(load("EXACT", "9007199254740992").is_ok());
    let err = load("EXACT", "9007199254740993").unwrap_err();
    assert_eq!(messages(&err), ["EXACT = \"9007199254740993\" must be ≤ 9007199254740992"]);
    assert!(load("BELOW_MAX", "18446744073709551614").is_ok());
    let err = load("BELOW_MAX", &u64::MAX.to_string()).unwrap_err();
    assert_eq!(messages(&err), ["BELOW_MAX = \"18446744073709551615\" must be < 18446744073709551615"]);
    assert!(load("ABOVE_MIN", &(i64::MIN + 1).to_string()).is_ok());
    assert!(load("ABOVE_MIN", &i64::MIN.to_string()).is_err());
    assert!(load("WHOLE", &u64::MAX.to_string()).is_ok());
}

// ---------------------------------------------------------------------------------------
// Shared variant structs

#[derive(EnvConfig, Debug)]
struct Cql {
    #[env(default = "localhost")]
    hosts: String,
    keyspace: String,
}

/// Wide-column storage: two variants read the same settings.
#[derive(EnvConfig, Debug)]
#[env(selector = "STORE", default = "memory")]
enum Wide {
    Scylla(Cql),
    Cassandra(Cql),
    Memory,
}

#[derive(EnvConfig, Debug)]
#[env(prefix = "W_")]
struct WideSettings {
    #[env(nested)]
    store: Wide,
}

#[test]
fn variants_sharing_a_struct_declare_its_variables_once() {
    let schema = WideSettings::schema();
    let names: Vec<&str> = schema.variables.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["W_STORE", "W_HOSTS", "W_KEYSPACE"]);
    let keyspace = schema.variable("W_KEYSPACE").unwrap();
    assert_eq!(keyspace.read_when.as_ref().unwrap().to_string(), "W_STORE=scylla or W_STORE=cassandra");
    for store in ["scylla", "cassandra"] {
        let err = WideSettings::loader().env_map([("W_STORE", store)]).load().unwrap_err();
        assert_eq!(messages(&err), ["W_KEYSPACE is required but not set"], "{store}");
        let loaded = WideSettings::loader().env_map([("W_STORE", store), ("W_KEYSPACE", "k")]).load().unwrap();
        assert!(matches!(&loaded.store, Wide::Scylla(c) | Wide::Cassandra(c) if c.keyspace == "k"));
    }
    assert!(WideSettings::loader().env_map::<&str, &str>([]).load().is_ok());
    assert_eq!(schema.groups.iter().map(|g| g.value.as_str()).collect::<Vec<_>>(), ["scylla", "cassandra"]);
}

// ---------------------------------------------------------------------------------------
// Type facts reach the schema

#[derive(EnvConfig, Debug)]
#[env(strict_bool)]
struct StrictAll {
    flag: Option<bool>,
    flags: Option<Vec<bool>>,
}

#[derive(EnvConfig, Debug)]
#[env(empty = "value")]
struct Loose {
    #[env(strict_bool)]
    strict: Option<bool>,
    lax: Option<bool>,
    #[env(separator = ";")]
    list: Option<Vec<String>>,
}

#[test]
fn reading_options_reach_the_schema() {
    let strict = StrictAll::schema();
    assert_eq!(strict.variable("FLAG").unwrap().value_type.kind, TypeKind::Boolean { strict: true });
    let TypeKind::List { item, .. } = &strict.variable("FLAGS").unwrap().value_type.kind else { panic!("a list") };
    assert_eq!(**item, TypeKind::Boolean { strict: true });
    let loose = Loose::schema();
    assert_eq!(loose.variable("STRICT").unwrap().value_type.kind, TypeKind::Boolean { strict: true });
    assert_eq!(loose.variable("LAX").unwrap().value_type.kind, TypeKind::Boolean { strict: false });
    assert!(loose.variables.iter().all(|v| v.empty_is_value));
    let TypeKind::List { separator, .. } = &loose.variable("LIST").unwrap().value_type.kind else { panic!("a list") };
    assert_eq!(separator.as_deref(), Some(";"));
    // The load agrees with what the schema says.
    assert!(StrictAll::loader().env_map([("FLAGS", "true,yes")]).load().is_err());
    assert!(StrictAll::loader().env_map([("FLAGS", "true,false")]).load().is_ok());
}

/// `read_if` is judged by trait dispatch: an `Option` behind an alias is optional.
type MaybeText = Option<String>;

#[derive(EnvConfig, Debug)]
struct Aliased {
    #[env(default = "a")]
    mode: String,
    #[env(read_if(mode = "b"))]
    extra: MaybeText,
}

#[test]
fn read_if_accepts_an_option_behind_a_type_alias() {
    assert_eq!(Aliased::loader().env_map([("EXTRA", "x")]).load().unwrap().extra, None);
    assert_eq!(Aliased::loader().env_map([("MODE", "b"), ("EXTRA", "x")]).load().unwrap().extra.as_deref(), Some("x"));
}

// ---------------------------------------------------------------------------------------
// Overlays cannot undo production

#[derive(EnvConfig, Debug)]
#[env(prefix = "OV_")]
struct Overlaid {
    #[env(profile, alias = "ENV", default = "development")]
    environment: Profile,
    #[env(default = "eu")]
    region: String,
    #[env(bootstrap, same_as = region)]
    home_region: String,
    #[env(bootstrap, default_from = "{region}-bucket")]
    bucket: String,
    #[env(default = 10)]
    legacy_limit: u32,
    #[env(bootstrap, fallback("OV_LEGACY_LIMIT"))]
    limit: Option<u32>,
    #[env(bootstrap, read_if(region = "us"), default = "none")]
    us_only: String,
    #[env(default = 1)]
    workers: u32,
}

#[test]
fn an_overlay_never_changes_the_profile() {
    let loaded = Overlaid::loader().env_map([("OV_ENVIRONMENT", "production")]).load().unwrap();
    for key in ["OV_ENVIRONMENT", "OV_ENV", "environment"] {
        let err = loaded.overlay(&serde_json::json!({ key: "development" })).unwrap_err();
        assert!(
            matches!(&err.problems()[0], OverlayProblem::BootstrapOnly { variable, .. } if variable == "OV_ENVIRONMENT"),
            "{key}: {err}"
        );
    }
    assert!(Overlaid::schema().variable("OV_ENVIRONMENT").unwrap().bootstrap);
}

#[test]
fn an_overlay_never_changes_a_bootstrap_value_through_a_derived_default() {
    // `OV_US_ONLY` is set but not read while the region is not `us`.
    let loaded = Overlaid::loader().env_map([("OV_US_ONLY", "special")]).load().unwrap();
    assert_eq!(
        (loaded.home_region.as_str(), loaded.bucket.as_str(), loaded.us_only.as_str()),
        ("eu", "eu-bucket", "none")
    );
    let err = loaded.overlay(&serde_json::json!({ "region": "us" })).unwrap_err();
    let changed: Vec<&str> = err
        .problems()
        .iter()
        .map(|p| match p {
            OverlayProblem::ChangesBootstrap { variable, .. } => variable.as_str(),
            other => panic!("unexpected {other}"),
        })
        .collect();
    assert_eq!(changed, ["OV_HOME_REGION", "OV_BUCKET", "OV_US_ONLY"]);
    assert!(err.to_string().contains("region: would change OV_HOME_REGION"), "{err}");
    // Through a fallback.
    let err = loaded.overlay(&serde_json::json!({ "OV_LEGACY_LIMIT": 20 })).unwrap_err();
    assert!(matches!(&err.problems()[0], OverlayProblem::ChangesBootstrap { variable, .. } if variable == "OV_LIMIT"));
    // A setting nothing bootstrap depends on goes through.
    assert_eq!(loaded.overlay(&serde_json::json!({ "workers": 4 })).unwrap().workers, 4);
    // Once the bootstrap variables are set themselves, their sources may change.
    let pinned =
        Overlaid::loader().env_map([("OV_HOME_REGION", "eu"), ("OV_BUCKET", "b"), ("OV_LIMIT", "3")]).load().unwrap();
    let moved = pinned.overlay(&serde_json::json!({ "region": "ap", "legacy_limit": 20 })).unwrap();
    assert_eq!((moved.region.as_str(), moved.home_region.as_str(), moved.limit), ("ap", "eu", Some(3)));
}

// ---------------------------------------------------------------------------------------
// Severity

#[derive(EnvConfig, Debug)]
#[env(prefix = "SEV_")]
struct Severities {
    #[env(profile, default = "development")]
    environment: Profile,
    #[env(required_in(production), warn_in(production))]
    softened: Option<String>,
    #[env(default = "*", forbid("*", only_in = production), warn_in(production))]
    origins: Vec<String>,
    #[env(default = false, forbidden_in(production), warn_in(production))]
    debug: bool,
    #[env(recommended_in(production))]
    sentry_dsn: Option<String>,
    #[env(default = "change-me", required_in(production), not_default_in(production))]
    secret_key: String,
}

#[test]
fn warn_in_softens_every_profile_rule_and_recommended_in_only_warns() {
    let env = [("SEV_ENVIRONMENT", "production"), ("SEV_SECRET_KEY", "real"), ("SEV_DEBUG", "true")];
    let loaded = Severities::loader().env_map(env).load().expect("warnings only");
    assert_eq!(
        warnings(loaded.warnings()),
        [
            "SEV_SOFTENED should be set in production",
            "SEV_ORIGINS should not be `*` in production",
            "SEV_DEBUG should be unset or false in production",
            "SEV_SENTRY_DSN should be set in production",
        ]
    );
}

#[test]
fn an_unset_variable_that_must_be_set_and_changed_is_one_problem() {
    let err = Severities::loader().env_map([("SEV_ENVIRONMENT", "production")]).load().unwrap_err();
    assert_eq!(messages(&err), ["SEV_SECRET_KEY must be set in production"]);
    let err = Severities::loader()
        .env_map([("SEV_ENVIRONMENT", "production"), ("SEV_SECRET_KEY", "change-me")])
        .load()
        .unwrap_err();
    assert_eq!(messages(&err), ["SEV_SECRET_KEY must be changed from its default in production"]);
}

#[test]
fn severities_reach_the_schema() {
    let schema = Severities::schema();
    let severity = |name: &str| {
        schema.variable(name).unwrap().profile_rules.iter().map(|r| r.severity_in("production")).collect::<Vec<_>>()
    };
    use envspec::schema::Severity::*;
    assert_eq!(severity("SEV_SOFTENED"), [Some(Warning)]);
    assert_eq!(severity("SEV_ORIGINS"), [Some(Warning)]);
    assert_eq!(severity("SEV_SENTRY_DSN"), [Some(Warning)]);
    assert_eq!(severity("SEV_SECRET_KEY"), [Some(Error), Some(Error)]);
}

// ---------------------------------------------------------------------------------------
// Secrets do not flow out through a fallback the derive cannot see

#[derive(EnvConfig, Debug)]
#[env(prefix = "TOK_")]
struct Tokens {
    #[env(secret)]
    cron_secret: Option<envspec::SecretString>,
    #[env(nested)]
    legacy: Legacy,
}

#[derive(EnvConfig, Debug)]
struct Legacy {
    /// Falls back to a secret declared in another struct: the derive of `Legacy` cannot know.
    #[env(fallback("TOK_CRON_SECRET"))]
    token: Option<String>,
}

#[test]
fn a_non_secret_falling_back_to_a_secret_is_refused_and_masked() {
    let canary = "canary-3f9a1c";
    let err = Tokens::loader().env_map([("TOK_CRON_SECRET", canary)]).load().unwrap_err();
    assert!(
        err.problems().iter().any(|p| matches!(p, Problem::Declaration { message } if message.contains("TOK_TOKEN"))),
        "{err}"
    );
    assert!(!err.to_string().contains(canary));
    assert!(Tokens::schema().variable("TOK_TOKEN").unwrap().secret);
}

// ---------------------------------------------------------------------------------------
// One variable, one field

#[derive(EnvConfig, Debug)]
struct Twice {
    #[env(nested)]
    a: Database,
    #[env(nested)]
    b: Database,
}

#[test]
fn two_fields_reading_one_variable_are_a_declaration_problem() {
    let err = Twice::loader().env_map::<&str, &str>([]).load().unwrap_err();
    assert_eq!(
        messages(&err),
        ["declaration error: PASSWORD is read by two fields, `a.password` and `b.password`; rename one"]
    );
}

// ---------------------------------------------------------------------------------------
// The lookup order the docs describe is the order the loader follows

#[derive(EnvConfig, Debug)]
#[env(prefix = "ORD_")]
struct Ordered {
    #[env(default = "a")]
    mode: String,
    #[env(alias = "OTHER", file, fallback("ORD_LEGACY"), default = "default", read_if(mode = "a"))]
    value: String,
}

#[test]
fn the_documented_lookup_order_is_the_loaders() {
    use envspec::Step;
    let dir = support::scratch("lookup-order");
    let file = support::write(&dir, "value", "from-file");
    let file = file.to_str().unwrap();
    // Each source, alone, as the step that finds it sees it.
    let source = |step: Step| -> Vec<(&'static str, &str)> {
        match step {
            Step::Condition => vec![("ORD_MODE", "b")],
            Step::Names => vec![("ORD_OTHER", "from-alias")],
            Step::File => vec![("ORD_VALUE_FILE", file)],
            Step::Fallbacks => vec![("ORD_LEGACY", "from-fallback")],
            Step::Default => vec![],
            _ => unreachable!(),
        }
    };
    let value = |pairs: Vec<(&str, &str)>| Ordered::loader().env_map(pairs).load().unwrap().into_inner().value;
    assert_eq!(value(source(Step::Names)), "from-alias");
    assert_eq!(value(source(Step::File)), "from-file");
    assert_eq!(value(source(Step::Fallbacks)), "from-fallback");
    assert_eq!(value(source(Step::Default)), "default");
    // A step wins over every step after it; a condition that does not hold wins over all.
    let order = Step::ORDER;
    for (i, earlier) in order.iter().enumerate() {
        for later in &order[i + 1..] {
            if matches!(earlier, Step::Names) && matches!(later, Step::File) {
                continue; // Both set is a conflict, reported, not an order.
            }
            let mut pairs = source(*later);
            pairs.extend(source(*earlier));
            let expected = if *earlier == Step::Condition { "default".to_owned() } else { value(source(*earlier)) };
            assert_eq!(value(pairs), expected, "{earlier:?} before {later:?}");
        }
    }
    let conflict = Ordered::loader().env_map([("ORD_VALUE", "x"), ("ORD_VALUE_FILE", file)]).load().unwrap_err();
    assert!(conflict.to_string().contains("set more than once"), "{conflict}");
}
