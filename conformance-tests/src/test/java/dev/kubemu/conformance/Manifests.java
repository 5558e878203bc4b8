package dev.kubemu.conformance;

/** Manifests the conformance tests apply. */
final class Manifests {
  private Manifests() {}

  /** Namespace, Deployment, Service, ConfigMap, Secret, Ingress and HPAs in autoscaling/v1 and v2. */
  static String multiDocument(String ns) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: NS
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: NS
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: nginx:1.25
                ports:
                - containerPort: 80
                resources:
                  requests: {cpu: 50m, memory: 64Mi}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: NS
        spec:
          selector: {app: web}
          ports:
          - port: 80
            targetPort: 80
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: NS
        data:
          mode: workshop
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: credentials
          namespace: NS
        data:
          password: aHVudGVyMg==
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: NS
        spec:
          rules:
          - host: web.local
            http:
              paths:
              - path: /
                pathType: Prefix
                backend:
                  service: {name: web, port: {number: 80}}
        ---
        apiVersion: autoscaling/v1
        kind: HorizontalPodAutoscaler
        metadata:
          name: web-v1
          namespace: NS
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 1
          maxReplicas: 5
          targetCPUUtilizationPercentage: 50
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: web-v2
          namespace: NS
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
          minReplicas: 1
          maxReplicas: 5
          metrics:
          - type: Resource
            resource:
              name: cpu
              target: {type: Utilization, averageUtilization: 60}
        """.replace("NS", ns);
  }
}
