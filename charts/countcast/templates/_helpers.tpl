{{- define "countcast.fullname" -}}
{{- printf "%s-operator" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "countcast.labels" -}}
app.kubernetes.io/name: countcast
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "countcast.selectorLabels" -}}
app.kubernetes.io/name: countcast
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/*
The Deployment (and Lease) name of a shard: the release's operator name for the unnamed shard
(one shard, today's single Deployment), with the shard's name appended otherwise.
*/}}
{{- define "countcast.shardName" -}}
{{- if .shard.name -}}
{{- printf "%s-%s" (include "countcast.fullname" .root) .shard.name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- include "countcast.fullname" .root -}}
{{- end -}}
{{- end -}}

{{/* The pod label of a named shard (none for the unnamed one, whose selector predates shards). */}}
{{- define "countcast.shardLabel" -}}
{{- with .name -}}
countcast.io/shard: {{ . | quote }}
{{- end -}}
{{- end -}}

{{/* The rules of docs/operator.md "RBAC the operator needs" (RbacTableTest checks them). */}}
{{- define "countcast.rules" -}}
- apiGroups: ["countcast.io"]
  resources: ["countforecasts"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["countcast.io"]
  resources: ["countforecasts/status"]
  verbs: ["patch"]
- apiGroups: ["countcast.io"]
  resources: ["countforecasts/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
- apiGroups: ["apps"]
  resources: ["deployments", "statefulsets"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["get", "list", "patch"]
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "create", "update"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- if .Values.rbac.capacityBuffers }}
- apiGroups: ["autoscaling.x-k8s.io"]
  resources: ["capacitybuffers"]
  verbs: ["get", "patch"]
{{- end }}
{{- end -}}

{{- define "countcast.tokenFile" -}}
{{- if .Values.prometheus.auth.bearerTokenSecret.name -}}
/var/run/secrets/countcast/prometheus/{{ .Values.prometheus.auth.bearerTokenSecret.key }}
{{- else -}}
{{- .Values.prometheus.auth.bearerTokenFile -}}
{{- end -}}
{{- end -}}
