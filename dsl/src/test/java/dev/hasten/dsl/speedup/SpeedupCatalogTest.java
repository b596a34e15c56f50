package dev.hasten.dsl.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hasten.dsl.Speedup;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SpeedupCatalogTest {

  @Test
  void theCatalogListsEverySpeedupOfThePackageOnce() throws IOException, URISyntaxException {
    // The package's compiled classes: a speedup added here and left out of the catalog would be
    // missing from `hasten methods`, the doctor's suggestions and the docs.
    Path dir =
        Path.of(SpeedupCatalog.class.getResource("SpeedupCatalog.class").toURI()).getParent();
    Set<Class<?>> inPackage = new HashSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$")) {
          Class<?> type = load(name.substring(0, name.length() - ".class".length()));
          if (type.isAnnotationPresent(Speedup.class)) {
            inPackage.add(type);
          }
        }
      }
    }
    List<Class<?>> catalog = List.copyOf(SpeedupCatalog.BUILT_IN);
    assertEquals(inPackage, Set.copyOf(catalog));
    assertEquals(catalog.size(), Set.copyOf(catalog).size(), "a speedup listed twice");
  }

  private static Class<?> load(String simpleName) {
    try {
      return Class.forName(SpeedupCatalog.class.getPackageName() + "." + simpleName);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
