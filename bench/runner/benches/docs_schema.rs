//! The 1,000-variable schema rendered by the docs-gen benchmark.

use envspec::schema::{Bound, ConfigSchema, DefaultValue, Rule, TypeKind, ValueType, Variable};

pub fn schema(n: usize) -> ConfigSchema {
    let mut s = ConfigSchema::new("Thousand");
    s.title = "A thousand variables".into();
    s.description = "Generated for the benchmark, with `code`, [links](https://example.com) and | pipes.".into();
    for i in 0..n {
        let kind = match i % 4 {
            0 => TypeKind::String,
            1 => TypeKind::Integer { signed: false, bits: 16 },
            2 => TypeKind::Boolean { strict: false },
            _ => TypeKind::Url,
        };
        let mut v = Variable::new(format!("APP_VAR_{i}"), format!("var_{i}"), ValueType::new(kind, "T"));
        v.section = Some(format!("Section {}", i / 50));
        v.description = format!("Variable number {i}: what it does, with `code` and a | pipe.\n\nA second paragraph.");
        if i % 2 == 0 {
            v.default = Some(DefaultValue::Literal { value: format!("{}", i % 100 + 1) });
        } else {
            v.required = i % 5 == 0;
        }
        if i % 4 == 1 {
            v.rules.push(Rule::range(Some(Bound::new(1.0, "1", true)), Some(Bound::new(65535.0, "65535", true))));
        }
        v.secret = i % 17 == 0;
        s.variables.push(v);
    }
    s
}
