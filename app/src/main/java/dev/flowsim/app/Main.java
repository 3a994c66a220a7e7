package dev.flowsim.app;

import dev.flowsim.app.cli.FlowsimCommand;

/**
 * The {@code flowsim} entry point. It deliberately does not extend a JavaFX {@code Application}, so
 * the command line runs without the JavaFX runtime being initialised.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code;
    try {
      code = FlowsimCommand.run(args, System.out, System.err);
    } catch (OutOfMemoryError e) {
      System.err.println(
          "flowsim: out of memory ("
              + Runtime.getRuntime().maxMemory() / (1024 * 1024)
              + " MB heap): keep fewer trace steps (--trace-window) or give Java more memory,"
              + " e.g. FLOWSIM_JAVA_OPTS=-Xmx4g ./flowsim ...");
      code = FlowsimCommand.INTERNAL_ERROR;
    }
    System.exit(code);
  }
}
