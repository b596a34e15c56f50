package test;

import com.google.inject.Module;

/** User code that names a generated module before it exists, as a launcher might. */
public class UsesGeneratedModule {
  public Module module() {
    return new WithEmaModule();
  }
}
