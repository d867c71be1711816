package org.breachline.notify;

import io.dropwizard.servlets.tasks.Task;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The admin task {@code POST /tasks/dispatch-notices}: runs dispatch rounds now, until nothing is due (at most 100). */
public final class DispatchTask extends Task {
    private final Dispatcher dispatcher;

    public DispatchTask(Dispatcher dispatcher) {
        super("dispatch-notices");
        this.dispatcher = dispatcher;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        Dispatcher.Round r = dispatcher.drain(100);
        output.println("{\"sent\":" + r.sent() + ",\"retried\":" + r.retried() + ",\"failed\":" + r.failed()
                + ",\"reconciled\":" + r.reconciled() + "}");
    }
}
