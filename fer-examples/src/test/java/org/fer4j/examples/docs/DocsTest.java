// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.fer4j.examples.FerApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Docs that cannot drift from the code: the site's links and images resolve, the Java snippets of
 * README, docs/index.md and the user guide compile against the modules (and run where they need no
 * camera, training data or trained model folder), every option of every {@code fer} command is in
 * the guide's command reference, and the accuracy figures quoted match the bundled model.json.
 */
class DocsTest {

    /** The repository root; surefire passes it, so this also works from another working folder. */
    static final Path ROOT =
            Path.of(System.getProperty("fer4j.root", "..")).toAbsolutePath().normalize();
    /** Where the snippets are read from. */
    static final List<String> SNIPPET_FILES = List.of("README.md", "docs/index.md", "docs/user-guide.md");
    /**
     * Snippets containing one of these are compiled but not run, for the reason given: running them
     * needs what a build machine does not have.
     */
    static final Map<String, String> COMPILE_ONLY = Map.of(
            "VideoSource.camera(", "needs a webcam",
            "new FerTrainer()", "needs FER-2013 and hours",
            "Path.of(\"runs/seed\")", "needs a model folder written by fer train");

    @TempDir
    Path tmp;

    @Test
    void theSiteRendersWithEveryLinkAndImageResolved() throws IOException {
        Path site = tmp.resolve("site");
        List<String> problems = DocsSite.render(ROOT, site, false);
        assertThat(problems).isEmpty();
        String index = Files.readString(site.resolve("index.html"));
        assertThat(index)
                .contains(
                        "<nav>",
                        "href=\"user-guide.html\"",
                        "href=\"apidocs/index.html\"",
                        "src=\"images/annotated_frame.png\"");
        assertThat(site.resolve("images/annotated_frame.png")).exists();
        for (String page : DocsSite.PAGES.keySet()) {
            assertThat(site.resolve(DocsSite.outputName(page))).exists();
        }
        // Page links point at the rendered pages, not the Markdown sources.
        assertThat(Files.readString(site.resolve("user-guide.html"))).doesNotContain("href=\"benchmarks.md");
    }

    @Test
    void aBrokenLinkOrMissingImageIsReported() throws IOException {
        Path root = tmp.resolve("repo");
        Files.createDirectories(root.resolve("docs"));
        for (String page : DocsSite.PAGES.keySet()) {
            Files.writeString(root.resolve(page), "# Page\n\n## A heading\n");
        }
        Files.writeString(
                root.resolve("docs/user-guide.md"),
                "# Guide\n\n[gone](nowhere.md) [anchor](model-card.md#no-such) ![pic](images/none.png) [ok](#guide)\n");
        Files.writeString(root.resolve("README.md"), "[x](docs/index.md#a-heading) [y](LICENSE)\n");
        List<String> problems = DocsSite.render(root, tmp.resolve("out"), false);
        assertThat(problems).hasSize(4);
        assertThat(String.join("\n", problems)).contains("nowhere.md", "#no-such", "images/none.png", "LICENSE");
    }

    @Test
    void theJavaSnippetsCompileAndRun() throws Exception {
        List<String> snippets = new ArrayList<>();
        for (String file : SNIPPET_FILES) {
            snippets.addAll(javaBlocks(Files.readString(ROOT.resolve(file))));
        }
        assertThat(snippets).hasSizeGreaterThanOrEqualTo(6);
        // The files the snippets name, as a reader would have them.
        Path face = tmp.resolve("face.png");
        try (InputStream in =
                getClass().getResourceAsStream("/org/fer4j/examples/samples/happy_PublicTest_10248771.jpg")) {
            Files.copy(in, face);
        }
        Path photo = ROOT.resolve("fer-examples/src/it/consumer-camera/src/test/resources/photo.jpg");
        Path src = Files.createDirectories(tmp.resolve("src/snippets"));
        List<String> classes = new ArrayList<>();
        List<Boolean> runs = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            String code = snippets.get(i);
            boolean run = COMPILE_ONLY.keySet().stream().noneMatch(code::contains);
            String runnable = code.replace("\"face.png\"", quote(face)).replace("\"group.jpg\"", quote(photo));
            String name = "Snippet" + i;
            Files.writeString(src.resolve(name + ".java"), wrap(name, runnable));
            classes.add("snippets." + name);
            runs.add(run);
        }
        Path out = Files.createDirectories(tmp.resolve("classes"));
        compile(src, out, snippets);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            for (int i = 0; i < classes.size(); i++) {
                if (runs.get(i)) {
                    Method m = loader.loadClass(classes.get(i)).getDeclaredMethod("snippet");
                    m.invoke(null);
                }
            }
        } finally {
            System.setOut(stdout);
        }
        assertThat(runs).contains(true, false);
        // The quick start prints the bundled sample's label and probability; the photo snippet finds its face.
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("HAPPY 0.9")
                .contains("FaceBox");
    }

    @Test
    void everyOptionOfEveryCommandIsInTheGuidesCommandReference() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/user-guide.md"));
        CommandLine app = new CommandLine(new FerApp());
        List<String> missing = new ArrayList<>();
        for (OptionSpec o : app.getCommandSpec().options()) {
            if (!section(guide, "fer").contains("`" + o.longestName())) {
                missing.add("fer " + o.longestName());
            }
        }
        for (Map.Entry<String, CommandLine> e : app.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            String section = section(guide, "fer " + e.getKey());
            for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                // Negatable options show as --[no-]name in the help and are written so in the guide.
                String name = o.negatable() ? o.longestName().replace("--", "--[no-]") : o.longestName();
                if (!section.contains("`" + name)) {
                    missing.add("fer " + e.getKey() + " " + name);
                }
            }
        }
        assertThat(missing)
                .as("options missing from the guide's command reference")
                .isEmpty();
    }

    @Test
    void theFiguresQuotedMatchTheBundledModel() throws IOException {
        JsonNode model;
        try (InputStream in = getClass().getResourceAsStream("/org/fer4j/inference/default-model/model.json")) {
            model = new ObjectMapper().readTree(in);
        }
        double withTta = model.path("inference").path("validationAccuracy").asDouble();
        double singlePass = model.path("results").path("validationAccuracy").asDouble();
        String readme = Files.readString(ROOT.resolve("README.md"));
        String card = Files.readString(ROOT.resolve("docs/model-card.md"));
        String guide = Files.readString(ROOT.resolve("docs/user-guide.md"));
        String index = Files.readString(ROOT.resolve("docs/index.md"));
        assertThat(readme).contains(percent(withTta, 1), percent(singlePass, 1));
        assertThat(index).contains(percent(withTta, 1), percent(singlePass, 1));
        assertThat(card).contains(percent(withTta, 2), percent(singlePass, 2));
        assertThat(guide).contains(percent(withTta, 2), percent(singlePass, 2));
    }

    @Test
    void theMavenSnippetNamesThisVersionAndSaysToInstallFirst() throws IOException {
        String version = System.getProperty("project.version");
        for (String file : List.of("README.md", "docs/index.md")) {
            String text = Files.readString(ROOT.resolve(file));
            assertThat(text)
                    .as(file)
                    .contains(
                            "<groupId>org.fer4j</groupId>",
                            "<artifactId>fer-inference</artifactId>",
                            "install -DskipTests");
            if (version != null) {
                assertThat(text).as(file).contains("<version>" + version + "</version>");
            }
        }
    }

    private static String percent(double fraction, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f%%", fraction * 100);
    }

    /** The guide's section under the heading {@code ### `NAME`}, up to the next heading of level 2 or 3. */
    private static String section(String guide, String name) {
        int start = guide.indexOf("### `" + name + "`\n");
        assertThat(start).as("heading ### `" + name + "` in the guide").isNotNegative();
        Matcher next = Pattern.compile("\n#{2,3} ").matcher(guide);
        int end = next.find(start + 4) ? next.start() : guide.length();
        return guide.substring(start, end);
    }

    /** The fenced ```java blocks of a Markdown text. */
    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```java[^\\n]*\\n(.*?)^```", Pattern.DOTALL)
                .matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static String quote(Path p) {
        return "\"" + p.toAbsolutePath().toString().replace("\\", "\\\\") + "\"";
    }

    /** A class around a snippet: its own imports, then the ones the pages leave out, then its statements. */
    private static String wrap(String name, String snippet) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.lines().toList()) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return "package snippets;\n" + imports + """
                import ai.djl.inference.Predictor;
                import ai.djl.modality.Classifications;
                import ai.djl.modality.cv.Image;
                import ai.djl.modality.cv.ImageFactory;
                import ai.djl.repository.zoo.Criteria;
                import ai.djl.repository.zoo.ZooModel;
                import java.io.File;
                import java.nio.file.Path;
                import javax.imageio.ImageIO;
                import org.fer4j.camera.*;
                import org.fer4j.core.TestTimeAugmentation;
                import org.fer4j.inference.*;
                import org.fer4j.training.*;
                """ + "\npublic class " + name
                + " {\n    public static void snippet() throws Exception {\n" + body + "    }\n}\n";
    }

    private static void compile(Path src, Path out, List<String> snippets) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<Path> files;
        try (var s = Files.list(src)) {
            files = s.toList();
        }
        try (var fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            // Surefire runs tests from a manifest-only jar; it passes the real class path in this property.
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            boolean ok = javac.getTask(
                            null,
                            fm,
                            diagnostics,
                            List.of("-classpath", cp, "-d", out.toString(), "-proc:none"),
                            null,
                            fm.getJavaFileObjectsFromPaths(files))
                    .call();
            StringBuilder report = new StringBuilder();
            diagnostics.getDiagnostics().forEach(d -> report.append(d).append('\n'));
            assertThat(ok)
                    .as("the doc snippets compile:\n" + report + "\nsnippets:\n" + String.join("\n----\n", snippets))
                    .isTrue();
        }
    }
}
