package dev.flowsim.app;

import dev.flowsim.app.cli.FlowsimCommand;

/**
 * The {@code flowsim} entry point. It deliberately does not extend a JavaFX {@code Application}, so
 * the command line runs without the JavaFX runtime being initialised.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(FlowsimCommand.run(args, System.out, System.err));
  }
}
