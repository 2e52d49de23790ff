//! Page content from the PDF text layer and vector paths; being written.
