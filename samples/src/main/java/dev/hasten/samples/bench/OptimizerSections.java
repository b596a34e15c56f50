package dev.hasten.samples.bench;

import dev.hasten.dsl.AdamW;
import dev.hasten.dsl.Muon;
import dev.hasten.dsl.Optimizer;
import dev.hasten.dsl.Sgd;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The optimizers' part of docs/METHODS.md: each built-in optimizer annotation with its members,
 * defaults and bounds read from the annotation, and what it computes. Kept apart from {@link
 * MethodsDoc}, which renders the speedups.
 */
final class OptimizerSections {
  /** The built-in optimizers, in the order the document lists them. */
  static final List<Class<? extends Annotation>> BUILT_IN =
      List.of(Sgd.class, AdamW.class, Muon.class);

  static final Map<Class<? extends Annotation>, String> NOTES =
      Map.of(
          Sgd.class,
          "PyTorch's torch.optim.SGD (dampening 0): g <- g + wd*w; b <- m*b + g; w <- w -"
              + " lr*(nesterov ? g + m*b : b). The default: a pipeline without an optimizer"
              + " annotation trains with @Sgd's defaults.",
          AdamW.class,
          "PyTorch's torch.optim.AdamW: w <- w - lr*wd*w, then Adam's bias-corrected step with"
              + " epsilon 1e-8.",
          Muon.class,
          "Keller Jordan's Muon for the hidden matrices, AdamW (adam values, epsilon 1e-10) for"
              + " everything else. A hidden matrix is a 2-D parameter of any layer but the"
              + " model's first and last that hold parameters, found from the model's structure"
              + " without names: in the catalog's GPT every Linear weight of the decoder blocks;"
              + " the token and position embeddings (the token matrix is also the tied output"
              + " layer), LayerNorm gains and biases go to AdamW. Per hidden matrix: B <- m*B + G;"
              + " D = nesterov ? G + m*B : B; nsSteps Newton-Schulz iterations X <- a*X + (b*A +"
              + " c*A^2)*X, A = X*X^T, (a, b, c) = (3.4445, -4.7750, 2.0315), from D divided by"
              + " its Frobenius norm (transposed while rows > cols); W <- (1 - lr*wd)*W -"
              + " lr*sqrt(max(1, rows/cols))*X. The schedule scales both rates alike. Keller"
              + " Jordan's momentum is an average, (1 - m) times this one's, which the"
              + " normalisation cancels; he iterates in bfloat16, Hasten in float32 on the"
              + " device; his hidden convolutions are flattened to matrices, Hasten's go to"
              + " AdamW. Checkpoints keep the buffers and AdamW's moments, so resume is exact."
              + " Decay with weightDecay and adamWeightDecay, not @DecoupledWeightDecay, which"
              + " would decay every parameter at Muon's rate.");

  private OptimizerSections() {}

  static void render(StringBuilder doc) {
    doc.append("## Optimizers\n\n")
        .append("A pipeline carries at most one optimizer annotation, a type meta-annotated")
        .append(" `@Optimizer` like the speedups' `@Speedup`; the built-in ones are below.\n\n");
    for (Class<? extends Annotation> type : BUILT_IN) {
      doc.append("### @")
          .append(type.getSimpleName())
          .append("\n\n")
          .append("- runtime class: `")
          .append(type.getAnnotation(Optimizer.class).implementedBy())
          .append("`\n");
      List<Method> members = new ArrayList<>(Arrays.asList(type.getDeclaredMethods()));
      members.sort(Comparator.comparing(Method::getName));
      doc.append("- members: ")
          .append(members.stream().map(MethodsDoc::member).collect(Collectors.joining("; ")))
          .append('\n')
          .append("- notes: ")
          .append(NOTES.get(type))
          .append("\n\n");
    }
  }
}
