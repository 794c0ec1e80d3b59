#include "app/cli.h"

int main(int argc, char** argv) {
  return tandem::app::run_cli(argc, argv);
}
