//! Closed sets of choices named by stable slugs: the same names in URLs, files and the UI.

/// Declares a `Copy` enum whose variants have kebab-case slugs, with `ALL`, `slug()`,
/// `from_slug()` and serde as the slug. Unknown slugs are an error, never a guess.
#[macro_export]
macro_rules! slug_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            pub fn slug(self) -> &'static str {
                match self { $($name::$v => $s),+ }
            }

            pub fn from_slug(s: &str) -> Option<$name> {
                match s { $($s => Some($name::$v),)+ _ => None }
            }

            /// Position in `ALL`, for dense per-variant tables.
            pub fn index(self) -> usize {
                self as usize
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.slug())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.slug())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                $name::from_slug(&s).ok_or_else(|| {
                    ::serde::de::Error::custom(format!(
                        concat!("unknown ", stringify!($name), " {:?}"), s
                    ))
                })
            }
        }
    };
}
