// ui_strings.cpp — placeholder.
