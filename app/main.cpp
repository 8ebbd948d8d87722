// main.cpp — placeholder while the command line is written.
int main() { return 0; }
