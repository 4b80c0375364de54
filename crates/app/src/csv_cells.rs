//! CSV cells that a spreadsheet shows as text. Spreadsheets run a cell that starts
//! with `=`, `+`, `-` or `@` as a formula (and some skip a leading tab or carriage
//! return first), so a name or reason typed by anyone could run a formula on the
//! machine of the admin who opens an export. Such cells get a leading `'`, which
//! spreadsheets read as "this is text" (OWASP, "CSV Injection").

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell`, prefixed with `'` when it starts like a formula.
pub(crate) fn inert(cell: String) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn cells_that_start_like_a_formula_are_prefixed_and_others_kept() {
        for formula in [
            "=HYPERLINK(\"http://evil.test\")",
            "+1+1",
            "-2+3",
            "@SUM(A1:A2)",
            "\t=1+1",
            "\r=1+1",
        ] {
            assert_eq!(inert(formula.to_owned()), format!("'{formula}"));
        }
        for plain in ["", "Ana Lima", "user.deactivated", "1+1", " =1", "'=1"] {
            assert_eq!(inert(plain.to_owned()), plain);
        }
    }
}
