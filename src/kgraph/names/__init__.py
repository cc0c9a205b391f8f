"""Names in their Finnish, Swedish and English forms: found in text, resolved to entities."""
