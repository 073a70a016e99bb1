pub(super) const ENTRIES: &[(&str, &str)] = &[];
