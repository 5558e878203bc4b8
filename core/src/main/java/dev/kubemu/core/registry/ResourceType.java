package dev.kubemu.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubemu.core.api.ResourceStrategy;
import dev.kubemu.core.printing.PrinterColumn;
import dev.kubemu.core.schema.Schema;
import dev.kubemu.core.schema.SchemaCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the emulator knows about one resource, in one place: names, scope, versions, subresources, printer
 * columns, field selectors, scale paths and the strategy that holds its per-kind behaviour. Discovery, OpenAPI, Table
 * printing, the write pipeline and the HTTP routes all read it; nothing else describes a resource.
 */
public final class ResourceType {
  public static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private final String group;
  private final String kind;
  private final String plural;
  private final String singular;
  private final Scope scope;
  private final List<String> shortNames;
  private final List<String> categories;
  private final List<String> verbs;
  private final List<ServedVersion> versions;
  private final String storageVersion;
  private final List<Subresource> subresources;
  private final List<PrinterColumn> printerColumns;
  private final Map<String, Function<JsonNode, String>> fieldSelectors;
  private final ScaleSpec scale;
  private final GroupResource storageResource;
  private final ResourceStrategy strategy;
  private final GroupVersionKind storageKind;
  private final String deprecationWarning;
  private final Function<String, Optional<Schema>> schemas;

  private ResourceType(Builder b) {
    this.group = b.group;
    this.kind = b.kind;
    this.plural = b.plural;
    this.singular = b.singular != null ? b.singular : b.kind.toLowerCase(java.util.Locale.ROOT);
    this.scope = b.scope;
    this.shortNames = List.copyOf(b.shortNames);
    this.categories = List.copyOf(b.categories);
    this.verbs = List.copyOf(b.verbs);
    this.versions = List.copyOf(b.versions);
    this.storageVersion = b.storageVersion != null ? b.storageVersion : b.versions.get(0).version();
    this.subresources = List.copyOf(b.subresources);
    this.printerColumns = List.copyOf(b.printerColumns);
    this.fieldSelectors = Map.copyOf(b.fieldSelectors);
    this.scale = b.scale;
    this.storageResource = b.storageResource != null ? b.storageResource : new GroupResource(b.group, b.plural);
    this.strategy = b.strategy;
    this.deprecationWarning = b.deprecationWarning;
    this.schemas = b.schemas != null ? b.schemas
        : version -> SchemaCatalog.builtin().kind(new GroupVersionKind(b.group, version, b.kind));
    this.storageKind = b.storageKind != null ? b.storageKind : new GroupVersionKind(b.group, storageVersion, b.kind);
  }

  public static Builder builder(String group, String kind, String plural) {
    return new Builder(group, kind, plural);
  }

  public String group() {
    return group;
  }

  public String kind() {
    return kind;
  }

  public String listKind() {
    return kind + "List";
  }

  public String plural() {
    return plural;
  }

  public String singular() {
    return singular;
  }

  public Scope scope() {
    return scope;
  }

  public boolean namespaced() {
    return scope == Scope.NAMESPACED;
  }

  public List<String> shortNames() {
    return shortNames;
  }

  public List<String> categories() {
    return categories;
  }

  public List<String> verbs() {
    return verbs;
  }

  /** Served versions, most preferred first. */
  public List<ServedVersion> versions() {
    return versions;
  }

  public String storageVersion() {
    return storageVersion;
  }

  public GroupResource groupResource() {
    return new GroupResource(group, plural);
  }

  /** The key the store keeps objects under; differs from {@link #groupResource()} for views such as events.k8s.io. */
  public GroupResource storageResource() {
    return storageResource;
  }

  public List<Subresource> subresources() {
    return subresources;
  }

  public Optional<Subresource> subresource(String name) {
    return subresources.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public boolean hasStatusSubresource() {
    return subresource("status").isPresent();
  }

  public List<PrinterColumn> printerColumns() {
    return printerColumns;
  }

  /** Per-kind field selector labels beyond {@code metadata.name} and {@code metadata.namespace}. */
  public Map<String, Function<JsonNode, String>> fieldSelectors() {
    return fieldSelectors;
  }

  /** Scale paths, when the kind has a {@code /scale} subresource. */
  public Optional<ScaleSpec> scale() {
    return Optional.ofNullable(scale);
  }

  public ResourceStrategy strategy() {
    return strategy;
  }

  /** The warning kube-apiserver sends with every request for this resource (e.g. v1 Endpoints in 1.33), or empty. */
  public Optional<String> deprecationWarning() {
    return Optional.ofNullable(deprecationWarning);
  }

  /** The apiVersion/kind objects carry in the store (another type's for views such as events.k8s.io). */
  public GroupVersionKind storageKind() {
    return storageKind;
  }

  public Optional<ServedVersion> version(String version) {
    return versions.stream().filter(v -> v.version().equals(version)).findFirst();
  }

  /**
   * The structural schema of this resource in {@code version} (decoding, strict field validation, OpenAPI), when one
   * is known; built-in kinds take theirs from {@link SchemaCatalog#builtin()}.
   */
  public Optional<Schema> schema(String version) {
    return schemas.apply(version);
  }

  public GroupVersionKind gvk(String version) {
    return new GroupVersionKind(group, version, kind);
  }

  @Override
  public String toString() {
    return groupResource().toString();
  }

  /** Builds a {@link ResourceType}; {@link #build()} rejects incomplete definitions with the remedy. */
  public static final class Builder {
    private final String group;
    private final String kind;
    private final String plural;
    private String singular;
    private Scope scope = Scope.NAMESPACED;
    private final List<String> shortNames = new ArrayList<>();
    private final List<String> categories = new ArrayList<>();
    private List<String> verbs = ALL_VERBS;
    private final List<ServedVersion> versions = new ArrayList<>();
    private String storageVersion;
    private final List<Subresource> subresources = new ArrayList<>();
    private List<PrinterColumn> printerColumns = List.of();
    private final Map<String, Function<JsonNode, String>> fieldSelectors = new LinkedHashMap<>();
    private ScaleSpec scale;
    private GroupResource storageResource;
    private ResourceStrategy strategy = ResourceStrategy.DEFAULT;
    private GroupVersionKind storageKind;
    private String deprecationWarning;
    private Function<String, Optional<Schema>> schemas;

    private Builder(String group, String kind, String plural) {
      this.group = Objects.requireNonNull(group, "group");
      this.kind = Objects.requireNonNull(kind, "kind");
      this.plural = Objects.requireNonNull(plural, "plural");
    }

    public Builder singular(String singular) {
      this.singular = singular;
      return this;
    }

    public Builder clusterScoped() {
      this.scope = Scope.CLUSTER;
      return this;
    }

    public Builder shortNames(String... names) {
      shortNames.addAll(List.of(names));
      return this;
    }

    public Builder categories(String... names) {
      categories.addAll(List.of(names));
      return this;
    }

    public Builder verbs(String... verbs) {
      this.verbs = List.of(verbs);
      return this;
    }

    /** Adds a served version; the first added is the preferred one. */
    public Builder version(String version) {
      versions.add(ServedVersion.storage(version));
      return this;
    }

    public Builder version(String version, VersionConverter converter) {
      versions.add(new ServedVersion(version, converter));
      return this;
    }

    public Builder storageVersion(String version) {
      this.storageVersion = version;
      return this;
    }

    public Builder subresource(Subresource subresource) {
      subresources.add(subresource);
      return this;
    }

    public Builder statusSubresource() {
      return subresource(Subresource.status());
    }

    /** Adds the {@code /scale} subresource with the standard replica paths. */
    public Builder scalable() {
      this.scale = ScaleSpec.standard();
      return subresource(Subresource.scale());
    }

    public Builder printerColumns(List<PrinterColumn> columns) {
      this.printerColumns = columns;
      return this;
    }

    public Builder fieldSelector(String label, Function<JsonNode, String> extractor) {
      fieldSelectors.put(label, extractor);
      return this;
    }

    /** Serves a view of another resource's objects, stored as {@code storageKind}. */
    public Builder storedAs(GroupResource storageResource, GroupVersionKind storageKind) {
      this.storageResource = storageResource;
      this.storageKind = storageKind;
      return this;
    }

    /** A {@code Warning} header text sent with every request for this resource. */
    /** Where this resource's schema per version comes from, when it is not a built-in kind of the catalog. */
    public Builder schemas(Function<String, Optional<Schema>> schemas) {
      this.schemas = schemas;
      return this;
    }

    public Builder deprecated(String warning) {
      this.deprecationWarning = warning;
      return this;
    }

    public Builder strategy(ResourceStrategy strategy) {
      this.strategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    public ResourceType build() {
      if (versions.isEmpty()) {
        throw new IllegalStateException(kind + ": no version given; call version(\"v1\") before build()");
      }
      if (storageVersion != null && versions.stream().noneMatch(v -> v.version().equals(storageVersion))) {
        throw new IllegalStateException(kind + ": storage version " + storageVersion + " is not among the served "
            + "versions; add it with version(...)");
      }
      if (printerColumns.isEmpty()) {
        throw new IllegalStateException(kind + ": no printer columns; use DefaultPrinters.columns() for kinds that "
            + "kube-apiserver prints with the default table");
      }
      return new ResourceType(this);
    }
  }
}
