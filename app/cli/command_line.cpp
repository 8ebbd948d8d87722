// command_line.cpp — placeholder.
