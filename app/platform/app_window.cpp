// app_window.cpp — placeholder (the SFML window and frame loop come next).
