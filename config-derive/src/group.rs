//! `#[derive(EnvConfig)]` on an enum: a backend group. A selector variable picks the variant;
//! each data variant carries a config struct whose variables are read only when it is picked.
//!
//! ```ignore
//! #[derive(EnvConfig)]
//! #[env(selector = "VAULT_BACKEND", default = "file")]
//! enum Vault {
//!     File(FileVault),
//!     Inmemory,
//!     #[env(rename = "aws_kms")]
//!     AwsKms(AwsKmsVault),
//! }
//! ```

use crate::attr::{At, aliases, doc_of, lit_str, parse_crate_path};
use crate::ctxt::Ctxt;
use crate::symbol;
use heck::{ToShoutySnakeCase, ToSnakeCase};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use std::collections::HashMap;
use syn::LitStr;
use syn::spanned::Spanned;

#[derive(Default)]
struct GroupAttrs {
    selector: Option<At<LitStr>>,
    default: Option<At<LitStr>>,
    prefix: Option<At<LitStr>>,
    section: Option<At<LitStr>>,
    crate_path: Option<At<syn::Path>>,
}

#[derive(Default)]
struct VariantAttrs {
    rename: Option<At<LitStr>>,
    aliases: Vec<LitStr>,
    prefix: Option<At<LitStr>>,
}

fn set<T>(cx: &Ctxt, slot: &mut Option<At<T>>, value: T, span: proc_macro2::Span, key: &str) {
    if slot.is_some() {
        cx.error_at(span, format!("duplicate `{key}` attribute"));
    } else {
        *slot = Some(At { value, span });
    }
}

fn parse_group_attrs(cx: &Ctxt, attrs: &[syn::Attribute]) -> GroupAttrs {
    let mut out = GroupAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("env")) {
        let result = attr.parse_nested_meta(|meta| {
            let span = meta.path.span();
            let key = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
            match key.as_str() {
                "selector" => set(cx, &mut out.selector, lit_str(&meta)?, span, "selector"),
                "default" => set(cx, &mut out.default, lit_str(&meta)?, span, "default"),
                "prefix" => set(cx, &mut out.prefix, lit_str(&meta)?, span, "prefix"),
                "section" => set(cx, &mut out.section, lit_str(&meta)?, span, "section"),
                "crate" => {
                    let s: LitStr = lit_str(&meta)?;
                    set(cx, &mut out.crate_path, parse_crate_path(&s)?, span, "crate");
                }
                other => {
                    return Err(meta.error(symbol::unknown_key_message(other, symbol::GROUP_KEYS, "backend group")));
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    out
}

fn parse_variant_attrs(cx: &Ctxt, attrs: &[syn::Attribute]) -> VariantAttrs {
    let mut out = VariantAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("env")) {
        let result = attr.parse_nested_meta(|meta| {
            let span = meta.path.span();
            let key = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
            match key.as_str() {
                "rename" => set(cx, &mut out.rename, lit_str(&meta)?, span, "rename"),
                "alias" => out.aliases.extend(aliases(&meta, "kms")?),
                "prefix" => set(cx, &mut out.prefix, lit_str(&meta)?, span, "prefix"),
                other => {
                    return Err(meta.error(symbol::unknown_key_message(other, symbol::GROUP_VARIANT_KEYS, "variant")));
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    out
}

pub fn derive(input: &syn::DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let mut krate = quote!(::config_runtime);
    let out = expand(&cx, input, &mut krate);
    match cx.check() {
        Ok(()) => out.unwrap_or_default(),
        Err(e) => {
            // A stub impl keeps structs nesting this group from reporting it as missing.
            let errors = e.to_compile_error();
            let stub = crate::expand::stub_impl(input, &krate);
            quote!(#errors #stub)
        }
    }
}

fn expand(cx: &Ctxt, input: &syn::DeriveInput, krate_out: &mut TokenStream) -> Option<TokenStream> {
    let syn::Data::Enum(data) = &input.data else { unreachable!("dispatched on enums only") };
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(&input.generics, "`EnvConfig` does not support generic enums");
    }
    let attrs = parse_group_attrs(cx, &input.attrs);
    let krate = match &attrs.crate_path {
        Some(p) => {
            let p = &p.value;
            quote!(#p)
        }
        None => quote!(::config_runtime),
    };
    *krate_out = krate.clone();
    let Some(selector) = &attrs.selector else {
        cx.error_at(
            data.enum_token.span,
            "`EnvConfig` on an enum makes a backend group and needs `#[env(selector = \"BACKEND_VARIABLE\")]`; for an enum of accepted values use `#[derive(EnvEnum)]`",
        );
        return None;
    };
    let p = quote!(#krate::__private);
    let mut seen: HashMap<String, syn::Ident> = HashMap::new();
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut arms = Vec::new();
    let mut spellings = Vec::new();
    for (i, v) in data.variants.iter().enumerate() {
        let va = parse_variant_attrs(cx, &v.attrs);
        let ident = &v.ident;
        let (name, name_span) = match &va.rename {
            Some(r) => (r.value.value(), r.value.span()),
            None => (ident.to_string().to_snake_case(), ident.span()),
        };
        for (spelling, span) in
            std::iter::once((name.clone(), name_span)).chain(va.aliases.iter().map(|a| (a.value(), a.span())))
        {
            if spelling.trim().is_empty() {
                cx.error_at(span, "a spelling cannot be empty: an empty selector is unset");
                continue;
            }
            let key = spelling.to_ascii_lowercase();
            if let Some(first) = seen.get(&key) {
                cx.error_at(span, format!("`{spelling}` already selects `{first}`"));
            } else {
                seen.insert(key, ident.clone());
            }
        }
        spellings.push(name.clone());
        let aliases = &va.aliases;
        let doc = doc_of(&v.attrs);
        rows.push(quote!(#p::EnumVariant::new(#name, &[#(#aliases),*], #doc)));
        match &v.fields {
            syn::Fields::Unit => {
                if let Some(pre) = &va.prefix {
                    cx.error_at(pre.span, "`prefix` applies to a variant holding a config struct; a unit variant reads no variables");
                }
                arms.push(quote!(#i => #p::Some(Self::#ident)));
            }
            syn::Fields::Unnamed(f) if f.unnamed.len() == 1 => {
                let ty = &f.unnamed[0].ty;
                let index = fields.len() + 1;
                let path = ident.to_string().to_snake_case();
                let prefix = match &va.prefix {
                    Some(pre) => {
                        let pre = &pre.value;
                        quote!(#p::Some(#pre))
                    }
                    None => quote!(#p::None),
                };
                let mut desc = quote_spanned!(ty.span()=> #p::FieldDesc::nested(#path, #prefix, #p::desc_of::<#ty>).group_value(#name));
                if !doc.is_empty() {
                    desc.extend(quote!(.doc(#doc)));
                }
                fields.push(desc);
                arms.push(quote_spanned!(ty.span()=> #i => #p::Some(Self::#ident(__ctx.nested(#index, <#ty as #p::EnvConfig>::__build)?))));
            }
            other => cx.error_spanned_by(other, "a backend group variant is either a unit variant or holds exactly one config struct, as in `AwsKms(AwsKmsSettings)`"),
        }
    }
    if let Some(default) = &attrs.default {
        let wanted = default.value.value();
        if !seen.contains_key(&wanted.to_ascii_lowercase()) {
            let near = seen
                .keys()
                .map(|k| (strsim::damerau_levenshtein(k, &wanted.to_ascii_lowercase()), k))
                .filter(|(d, _)| *d <= 2)
                .min()
                .map(|(_, k)| k);
            let msg = match near {
                Some(k) => format!("default `{wanted}` is not a variant; did you mean `{k}`?"),
                None => format!("default `{wanted}` is not a variant; expected one of: {}", spellings.join(", ")),
            };
            cx.error_spanned_by(&default.value, msg);
        }
    }
    let ident = &input.ident;
    let selector_name = selector.value.value();
    let selector_ident = selector_name.to_snake_case();
    if selector_name != selector_name.to_shouty_snake_case() {
        cx.error_spanned_by(&selector.value, "the selector is a variable name, such as `VAULT_BACKEND`");
    }
    let mut selector_desc =
        quote!(#p::FieldDesc::value(#selector_ident, #selector_name, __env_selector_type).selector());
    if let Some(default) = &attrs.default {
        let d = default.value.value();
        selector_desc.extend(quote!(.default(#p::DefaultDesc::Literal(#d))));
    }
    let doc = doc_of(&input.attrs);
    if !doc.is_empty() {
        selector_desc.extend(quote!(.doc(#doc)));
    }
    let mut container = quote!(#p::StructDesc::new(stringify!(#ident), &__ENV_FIELDS));
    if !doc.is_empty() {
        container.extend(quote!(.doc(#doc)));
    }
    if let Some(pre) = &attrs.prefix {
        let pre = &pre.value;
        container.extend(quote!(.prefix(#pre)));
    }
    if let Some(section) = &attrs.section {
        let section = &section.value;
        container.extend(quote!(.section(#section)));
    }
    let n_variants = rows.len();
    let n_fields = fields.len() + 1;
    Some(quote! {
        const _: () = {
            static __ENV_VARIANTS: [#p::EnumVariant; #n_variants] = [#(#rows),*];
            fn __env_selector_type() -> #p::FieldType {
                #p::FieldType::selector(&__ENV_VARIANTS)
            }
            static __ENV_FIELDS: [#p::FieldDesc; #n_fields] = [#selector_desc, #(#fields),*];
            static __ENV_DESC: #p::StructDesc = #container;
            static __ENV_MODEL: #p::ModelCell = #p::ModelCell::new();
            #[automatically_derived]
            impl #krate::EnvConfig for #ident {
                const DESC: &'static #p::StructDesc = &__ENV_DESC;
                fn __model() -> &'static #p::Model {
                    __ENV_MODEL.get(&__ENV_DESC)
                }
                fn __build(__ctx: &mut #p::Ctx<'_>) -> #p::Option<Self> {
                    match __ctx.select(0, &__ENV_VARIANTS)? {
                        #(#arms,)*
                        _ => unreachable!("select returns a variant index"),
                    }
                }
            }
        };
    })
}
