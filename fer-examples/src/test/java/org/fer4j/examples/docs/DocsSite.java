// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders the documentation site: docs/*.md (and the root CHANGELOG.md) to HTML pages with one
 * navigation bar, the docs' images and data files beside them, and the javadoc under apidocs/.
 *
 * <p>It lives in fer-examples' tests rather than in a library: it is build tooling, it needs no
 * more than commonmark-java, and the same test class path lets the doc tests compile the guide's
 * snippets against every module. The site profile runs {@link #main}; {@code DocsSiteTest} runs
 * {@link #render} into a temporary folder on every build, so a broken link fails any {@code mvn verify}.
 */
public final class DocsSite {

    /** The pages in navigation order: source file (relative to the repository root), then its label. */
    static final Map<String, String> PAGES = pages();

    private static final List<Extension> EXTENSIONS =
            List.of(TablesExtension.create(), HeadingAnchorExtension.create());
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    private DocsSite() {}

    private static Map<String, String> pages() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("docs/index.md", "Home");
        m.put("docs/user-guide.md", "User guide");
        m.put("docs/architecture.md", "Architecture");
        m.put("docs/model-card.md", "Model card");
        m.put("docs/benchmarks.md", "Benchmarks");
        m.put("docs/responsible-use.md", "Responsible use");
        m.put("CHANGELOG.md", "Changelog");
        return m;
    }

    /**
     * Renders the site of the repository at {@code args[0]} into {@code args[1]} and fails when a link
     * or image is broken; with a third argument {@code apidocs}, links into apidocs/ must resolve too.
     *
     * @param args repository root, output folder, optionally {@code apidocs}
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<String> problems = render(root, out, args.length > 2 && args[2].equals("apidocs"));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "The documentation site has broken links or images:\n  " + String.join("\n  ", problems));
        }
        System.out.println("Documentation site: " + out.resolve("index.html"));
    }

    /**
     * Renders every page into {@code out}, copies the docs' other files beside them, and checks links.
     *
     * @param repository the repository root (holding docs/ and README.md)
     * @param site the site folder (created; apidocs/ in it is left alone)
     * @param requireApidocs whether links into apidocs/ must find their file in {@code site}
     * @return one line per broken link, image or anchor, in README.md or a page; empty when all resolve
     * @throws IOException when a file cannot be read or written
     */
    public static List<String> render(Path repository, Path site, boolean requireApidocs) throws IOException {
        // Normalised, so that a link's target can be compared with docs/ (the build passes ".." paths).
        Path root = repository.toAbsolutePath().normalize();
        Path out = site.toAbsolutePath().normalize();
        Path docs = root.resolve("docs");
        Files.createDirectories(out);
        copyNonMarkdown(docs, out);
        Files.writeString(out.resolve("style.css"), CSS);

        Parser parser = Parser.builder().extensions(EXTENSIONS).build();
        Map<String, Node> parsed = new LinkedHashMap<>();
        Map<String, Set<String>> anchors = new LinkedHashMap<>();
        Map<String, String> bodies = new LinkedHashMap<>();
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .attributeProviderFactory(context -> (node, tag, attributes) -> {
                    // Pages link to each other as .md (so they work on a code host too); the site has .html.
                    if (node instanceof Link && attributes.containsKey("href")) {
                        attributes.put("href", toHtmlLink(attributes.get("href")));
                    }
                })
                .build();
        for (String page : PAGES.keySet()) {
            Node doc = parser.parse(Files.readString(root.resolve(page)));
            String body = renderer.render(doc);
            parsed.put(page, doc);
            bodies.put(page, body);
            anchors.put(page, ids(body));
        }

        List<String> problems = new ArrayList<>();
        for (String page : PAGES.keySet()) {
            // Every page is published in one folder beside the docs' files (the root's changelog too),
            // so every page's relative links must resolve from docs/.
            for (String[] ref : references(parsed.get(page))) {
                check(page, ref[0], ref[1], docs, docs, out, anchors, requireApidocs)
                        .ifPresent(problems::add);
            }
            String html = page(title(parsed.get(page), PAGES.get(page)), outputName(page), bodies.get(page));
            Files.writeString(out.resolve(outputName(page)), html);
        }
        // README.md is the front page on a code host: its links are relative to the root.
        Node readme = parser.parse(Files.readString(root.resolve("README.md")));
        for (String[] ref : references(readme)) {
            check("README.md", ref[0], ref[1], root, docs, out, anchors, false).ifPresent(problems::add);
        }
        return problems;
    }

    /** The HTML file a page becomes: docs/user-guide.md gives user-guide.html. */
    static String outputName(String page) {
        String name = Path.of(page).getFileName().toString().toLowerCase(Locale.ROOT);
        return name.substring(0, name.length() - ".md".length()) + ".html";
    }

    private static String toHtmlLink(String href) {
        if (isExternal(href)) {
            return href;
        }
        return href.replaceFirst("\\.md(#|$)", ".html$1");
    }

    private static boolean isExternal(String href) {
        return href.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }

    /** Each link and image of a document as {kind, destination}. */
    private static List<String[]> references(Node doc) {
        List<String[]> refs = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                refs.add(new String[] {"link", link.getDestination()});
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                refs.add(new String[] {"image", image.getDestination()});
                visitChildren(image);
            }
        });
        return refs;
    }

    private static Optional<String> check(
            String page,
            String kind,
            String dest,
            Path base,
            Path docs,
            Path out,
            Map<String, Set<String>> anchors,
            boolean requireApidocs) {
        if (isExternal(dest)) {
            return Optional.empty();
        }
        String path = dest;
        String fragment = null;
        int hash = dest.indexOf('#');
        if (hash >= 0) {
            path = dest.substring(0, hash);
            fragment = dest.substring(hash + 1);
        }
        String where = page + ": " + kind + " " + dest;
        if (path.isEmpty()) {
            return anchors.get(page) != null
                            && fragment != null
                            && !anchors.get(page).contains(fragment)
                    ? Optional.of(where + ": no such heading on this page")
                    : Optional.empty();
        }
        if (path.startsWith("apidocs/")) {
            if (requireApidocs && !Files.isRegularFile(out.resolve(path))) {
                return Optional.of(where + ": not in the built javadoc");
            }
            return Optional.empty();
        }
        Path target = base.resolve(URI.create(path).getPath()).normalize();
        if (!Files.exists(target)) {
            return Optional.of(where + ": " + target + " does not exist");
        }
        if (!page.equals("README.md") && !target.startsWith(docs)) {
            return Optional.of(where + ": leaves docs/, so the site does not have it");
        }
        if (fragment != null && target.toString().endsWith(".md")) {
            String key = docs.getParent().relativize(target).toString().replace('\\', '/');
            Set<String> ids = anchors.get(key);
            if (ids == null) {
                return Optional.of(where + ": " + key + " is not a page of the site");
            }
            if (!ids.contains(fragment)) {
                return Optional.of(where + ": no heading #" + fragment + " in " + key);
            }
        }
        return Optional.empty();
    }

    private static Set<String> ids(String html) {
        Set<String> ids = new TreeSet<>();
        Matcher m = ID.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String title(Node doc, String fallback) {
        StringBuilder sb = new StringBuilder();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                if (heading.getLevel() == 1 && sb.length() == 0) {
                    visitChildren(heading);
                }
            }

            @Override
            public void visit(Text text) {
                sb.append(text.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.Code code) {
                sb.append(code.getLiteral());
            }
        });
        return sb.length() == 0 ? fallback : sb.toString();
    }

    private static String page(String title, String file, String body) {
        StringBuilder nav = new StringBuilder();
        for (Map.Entry<String, String> e : PAGES.entrySet()) {
            String href = outputName(e.getKey());
            nav.append("<a href=\"")
                    .append(href)
                    .append('"')
                    .append(href.equals(file) ? " class=\"here\"" : "")
                    .append('>')
                    .append(e.getValue())
                    .append("</a>\n");
        }
        nav.append("<a href=\"apidocs/index.html\">API (javadoc)</a>\n");
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · fer4j</title>
                <link rel="stylesheet" href="style.css">
                </head>
                <body>
                <nav><span class="brand">fer4j</span>
                %s</nav>
                <main>
                %s</main>
                <footer>fer4j is licensed under the Apache License, Version 2.0. The bundled model was trained on
                FER-2013: see the <a href="model-card.html">model card</a> for its terms.</footer>
                </body>
                </html>
                """.formatted(escape(title), nav, body);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void copyNonMarkdown(Path docs, Path out) throws IOException {
        try (Stream<Path> files = Files.walk(docs)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (f.getFileName().toString().endsWith(".md")) {
                    continue;
                }
                Path target = out.resolve(docs.relativize(f).toString());
                Files.createDirectories(target.getParent());
                try {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static final String CSS = """
            body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; }
            nav { position: sticky; top: 0; background: #24292f; padding: 0.6em 1.5em; display: flex;
                  flex-wrap: wrap; gap: 0.3em 1.2em; align-items: baseline; z-index: 1; }
            nav a { color: #d0d7de; text-decoration: none; }
            nav a:hover, nav a.here { color: #fff; text-decoration: underline; }
            nav .brand { color: #fff; font-weight: 700; font-size: 1.15em; margin-right: 0.8em; }
            main { max-width: 60em; margin: 0 auto; padding: 1em 1.5em 2em; }
            h1, h2, h3 { line-height: 1.25; }
            h2 { border-bottom: 1px solid #d8dee4; padding-bottom: 0.2em; margin-top: 1.8em; }
            a { color: #0969da; }
            code { font: 0.88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
                   background: #eff1f3; padding: 0.1em 0.3em; border-radius: 4px; }
            pre { background: #f6f8fa; padding: 0.9em 1em; overflow-x: auto; border-radius: 6px; }
            pre code { background: none; padding: 0; font-size: 0.85em; }
            table { border-collapse: collapse; margin: 1em 0; display: block; overflow-x: auto; }
            th, td { border: 1px solid #d0d7de; padding: 0.35em 0.7em; vertical-align: top; }
            th { background: #f6f8fa; }
            img { max-width: 100%; height: auto; }
            footer { max-width: 60em; margin: 0 auto; padding: 1em 1.5em 2em; color: #57606a;
                     font-size: 0.9em; border-top: 1px solid #d8dee4; }
            """;
}
