#include <cstdio>
int main(int argc, char** argv) { std::printf("checkout on %s\n", argc > 1 ? argv[1] : "?"); }
