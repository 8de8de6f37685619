"""Staff pages of grassroots democracy: one module per part of the law."""
