package dev.strata.tests.harness;

import java.lang.reflect.Field;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * On a failing test or lifecycle method, prints the log tail of every {@link LoggedProcess}
 * held in a field of the test instance, then rethrows. Stateless: it finds the processes by
 * reflection, so test classes only declare {@code @ExtendWith(PrintLogsOnFailure.class)} and
 * keep their processes in fields.
 */
public final class PrintLogsOnFailure implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    private static final int TAIL_LINES = 80;

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        print(context);
        throw throwable;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        print(context);
        throw throwable;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        print(context);
        throw throwable;
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        print(context);
        throw throwable;
    }

    private static void print(ExtensionContext context) {
        Optional<Object> instance = context.getTestInstance();
        if (instance.isEmpty()) {
            return;
        }
        for (Class<?> type = instance.get().getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!LoggedProcess.class.isAssignableFrom(field.getType())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    LoggedProcess process = (LoggedProcess) field.get(instance.get());
                    if (process != null) {
                        System.err.printf("----- %s: last %d lines of output -----%n%s%n----- end of %s -----%n",
                                process.name(), TAIL_LINES, process.logTail(TAIL_LINES), process.name());
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    System.err.println("cannot print log of field " + field.getName() + ": " + e);
                }
            }
        }
    }
}
