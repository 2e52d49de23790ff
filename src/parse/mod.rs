//! Section parsers: Document → CreditReport (issue [3/4]); being written.
