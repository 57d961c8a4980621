package org.fer4j.examples;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fer4j.core.SkippedFile;
import org.fer4j.inference.EmotionClassifier;
import org.fer4j.inference.EvaluationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fer evaluate}: accuracy, classification report and confusion matrix of a model on labelled images. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model on a folder of class sub-folders (or a dataset root, whose test/ is used).")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--data", description = "Folder of class sub-folders, or a dataset root with test/ (default: $FER_DATA).")
    Path data;

    @Option(names = "--report-dir", description = "Where to write evaluation.json, classification_report.txt, confusion_matrix.png.")
    Path reportDir;

    @Override
    public Integer call() throws Exception {
        try (EmotionClassifier fer = model.load()) {
            EvaluationReport report = EvaluationReport.evaluate(fer, DataPaths.root(data));
            System.out.printf(Locale.ROOT, "Model %s on %s (%d images)%n", report.model(), report.folder(),
                    report.evaluation().total());
            System.out.print(report.evaluation().classificationReport());
            for (SkippedFile s : report.skipped()) {
                System.out.println("skipped " + s.path() + ": " + s.reason());
            }
            if (reportDir != null) {
                report.write(reportDir);
                System.out.println("Report written to " + reportDir);
            }
        }
        return 0;
    }
}
