{{/*
Names and labels.
*/}}
{{- define "muster.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The name of every resource: <release>-muster, or the release name alone when it already says muster.
*/}}
{{- define "muster.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "muster.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "muster.selectorLabels" -}}
app.kubernetes.io/name: {{ include "muster.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "muster.labels" -}}
helm.sh/chart: {{ include "muster.chart" . }}
{{ include "muster.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: muster
{{- end }}

{{- define "muster.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "muster.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "muster.image" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{/*
Label of the helm test pod, which the NetworkPolicy always lets in.
*/}}
{{- define "muster.testClientLabel" -}}
{{ include "muster.fullname" . }}-client: "true"
{{- end }}

{{/*
The database.
*/}}
{{- define "muster.postgresql" -}}
{{- if eq .Values.database.type "postgresql" }}true{{ end }}
{{- end }}

{{/*
jdbc:postgresql://host:port/database?sslmode=…&more=…  (parameters in name order, values URL-encoded)
*/}}
{{- define "muster.jdbcUrl" -}}
{{- $pg := .Values.database.postgresql }}
{{- $params := list (printf "sslmode=%s" $pg.sslMode) }}
{{- range $key := keys $pg.parameters | sortAlpha }}
{{- $params = append $params (printf "%s=%s" $key (urlquery (toString (get $pg.parameters $key)))) }}
{{- end }}
{{- printf "jdbc:postgresql://%s:%d/%s?%s" $pg.host (int $pg.port) $pg.database (join "&" $params) }}
{{- end }}

{{/*
Replicas can run at once only on PostgreSQL.
*/}}
{{- define "muster.multiPod" -}}
{{- if or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1) }}true{{ end }}
{{- end }}

{{/*
Secrets: each entry is [values path, key in the Secret, environment variable, value, whether Muster uses it with
these values]. The chart's Secret holds the used keys whose value is set; with existingSecret every used key is
referenced (optional unless Muster cannot start without it).
*/}}
{{- define "muster.secretEntries" -}}
{{- $v := .Values }}
{{- $pg := include "muster.postgresql" . | eq "true" }}
{{- $rabbitmq := or (eq $v.stream.broker "rabbitmq") $v.events.enabled }}
{{- $entries := list
  (list "database.postgresql.password" "database-password" "MUSTER_DB_PASSWORD" $v.database.postgresql.password $pg)
  (list "auth.encryptionKey" "encryption-key" "MUSTER_AUTH_ENCRYPTION_KEY" $v.auth.encryptionKey true)
  (list "bootstrap.accessKeyId" "bootstrap-access-key-id" "MUSTER_BOOTSTRAP_ACCESS_KEY_ID" $v.bootstrap.accessKeyId true)
  (list "bootstrap.secretAccessKey" "bootstrap-secret-access-key" "MUSTER_BOOTSTRAP_SECRET_ACCESS_KEY" $v.bootstrap.secretAccessKey true)
  (list "bootstrap.adminPassword" "bootstrap-admin-password" "MUSTER_BOOTSTRAP_ADMIN_PASSWORD" $v.bootstrap.adminPassword true)
  (list "auth.oidc.clientSecret" "oidc-client-secret" "QUARKUS_OIDC_CREDENTIALS_SECRET" $v.auth.oidc.clientSecret $v.auth.oidc.enabled)
  (list "rabbitmq.password" "rabbitmq-password" "RABBITMQ_PASSWORD" $v.rabbitmq.password $rabbitmq)
  (list "kafka.saslJaasConfig" "kafka-sasl-jaas-config" "KAFKA_SASL_JAAS_CONFIG" $v.kafka.saslJaasConfig (eq $v.stream.broker "kafka"))
}}
{{- toJson $entries }}
{{- end }}

{{- define "muster.secretName" -}}
{{- default (include "muster.fullname" .) .Values.existingSecret }}
{{- end }}

{{/*
Whether the chart renders its own Secret: no existingSecret and at least one secret value.
*/}}
{{- define "muster.chartSecret" -}}
{{- if not .Values.existingSecret }}
{{- range $entry := include "muster.secretEntries" . | fromJsonArray }}
{{- if and (index $entry 3) (index $entry 4) }}true{{ end }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The settings that are not secret, as environment variables (Quarkus maps MUSTER_DB_URL to muster.db.url).
Rendered into the ConfigMap and read with envFrom.
*/}}
{{- define "muster.configEnv" -}}
MUSTER_DATA_DIR: {{ .Values.dataDir | quote }}
MUSTER_REGION: {{ .Values.muster.region | quote }}
MUSTER_ACCOUNT_ID: {{ .Values.muster.accountId | quote }}
MUSTER_DEMO_ENABLED: {{ .Values.muster.demo | toString | quote }}
{{- with .Values.muster.retention.period }}
MUSTER_RETENTION_PERIOD: {{ . | quote }}
MUSTER_RETENTION_ACTION: {{ $.Values.muster.retention.action | quote }}
{{- end }}
MUSTER_AUTH_SECURE_COOKIES: {{ .Values.auth.secureCookies | toString | quote }}
MUSTER_AUTH_RATE_LIMIT: {{ .Values.auth.rateLimit | int | toString | quote }}
MUSTER_OUTBOUND_DISPATCH: {{ .Values.outbound.dispatch | toString | quote }}
MUSTER_OUTBOUND_WORKERS: {{ .Values.outbound.workers | int | toString | quote }}
{{- with .Values.outbound.allowedPrivateTargets }}
MUSTER_OUTBOUND_ALLOWED_PRIVATE_TARGETS: {{ join "," . | quote }}
{{- end }}
MUSTER_INGEST_CONCURRENCY: {{ .Values.stream.concurrency | int | toString | quote }}
{{- if include "muster.postgresql" . }}
MUSTER_DB_URL: {{ include "muster.jdbcUrl" . | quote }}
MUSTER_DB_USERNAME: {{ .Values.database.postgresql.username | quote }}
QUARKUS_DATASOURCE_POSTGRESQL_JDBC_MAX_SIZE: {{ .Values.database.postgresql.maxPoolSize | int | toString | quote }}
{{- end }}
{{- if .Values.auth.oidc.enabled }}
QUARKUS_OIDC_TENANT_ENABLED: "true"
QUARKUS_OIDC_AUTH_SERVER_URL: {{ .Values.auth.oidc.authServerUrl | quote }}
QUARKUS_OIDC_CLIENT_ID: {{ .Values.auth.oidc.clientId | quote }}
MUSTER_AUTH_OIDC_ROLE_CLAIM: {{ .Values.auth.oidc.roleClaim | quote }}
{{- with .Values.auth.oidc.accountScopeClaim }}
MUSTER_AUTH_OIDC_ACCOUNT_SCOPE_CLAIM: {{ . | quote }}
{{- end }}
{{- end }}
{{- if eq .Values.stream.broker "kafka" }}
MP_MESSAGING_INCOMING_MUSTER_FINDINGS_CONNECTOR: smallrye-kafka
MP_MESSAGING_OUTGOING_MUSTER_FINDINGS_DEAD_LETTER_CONNECTOR: smallrye-kafka
{{- else if eq .Values.stream.broker "rabbitmq" }}
MP_MESSAGING_INCOMING_MUSTER_FINDINGS_CONNECTOR: smallrye-rabbitmq
MP_MESSAGING_OUTGOING_MUSTER_FINDINGS_DEAD_LETTER_CONNECTOR: smallrye-rabbitmq
{{- end }}
{{- if .Values.events.enabled }}
MP_MESSAGING_OUTGOING_MUSTER_EVENTS_ENABLED: "true"
{{- end }}
{{- if eq .Values.stream.broker "kafka" }}
KAFKA_BOOTSTRAP_SERVERS: {{ .Values.kafka.bootstrapServers | quote }}
{{- with .Values.kafka.securityProtocol }}
KAFKA_SECURITY_PROTOCOL: {{ . | quote }}
{{- end }}
{{- with .Values.kafka.saslMechanism }}
KAFKA_SASL_MECHANISM: {{ . | quote }}
{{- end }}
{{- end }}
{{- if or (eq .Values.stream.broker "rabbitmq") .Values.events.enabled }}
RABBITMQ_HOST: {{ .Values.rabbitmq.host | quote }}
RABBITMQ_PORT: {{ .Values.rabbitmq.port | int | toString | quote }}
RABBITMQ_SSL: {{ .Values.rabbitmq.ssl | toString | quote }}
{{- with .Values.rabbitmq.username }}
RABBITMQ_USERNAME: {{ . | quote }}
{{- end }}
{{- with .Values.rabbitmq.virtualHost }}
RABBITMQ_VIRTUAL_HOST: {{ . | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Settings that only a properties file can carry (map keys, anything in extraProperties), one per line. Mounted
as config/application.properties in the working directory, which Quarkus reads above its built-in defaults.
*/}}
{{- define "muster.properties" -}}
{{- range $group, $role := .Values.auth.oidc.roleMapping }}
{{ printf "muster.auth.oidc.role-mapping.\"%s\"" $group }}={{ include "muster.propertyValue" $role }}
{{- end }}
{{- range $key := keys .Values.extraProperties | sortAlpha }}
{{ $key }}={{ include "muster.propertyValue" (get $.Values.extraProperties $key) }}
{{- end }}
{{- end }}

{{/*
A value in .properties syntax: backslashes doubled, line breaks escaped, a leading blank kept.
*/}}
{{- define "muster.propertyValue" -}}
{{- $value := toString . | replace "\\" "\\\\" | replace "\n" "\\n" | replace "\r" "\\r" }}
{{- if hasPrefix " " $value }}{{ printf "\\%s" $value }}{{ else }}{{ $value }}{{ end }}
{{- end }}

{{/*
Refusals: combinations that cannot work stop the install with a message that says what to change.
*/}}
{{- define "muster.validate" -}}
{{- $v := .Values }}
{{- $pg := include "muster.postgresql" . }}
{{- if and (not $pg) (gt (int $v.replicaCount) 1) }}
{{- fail (printf "database.type=embedded (H2) keeps its data in one pod's file and cannot run replicaCount=%d: use database.type=postgresql for more than one replica" (int $v.replicaCount)) }}
{{- end }}
{{- if and (not $pg) $v.autoscaling.enabled }}
{{- fail "database.type=embedded (H2) keeps its data in one pod's file and cannot be autoscaled: use database.type=postgresql with autoscaling.enabled" }}
{{- end }}
{{- if and $pg (not $v.database.postgresql.host) }}
{{- fail "database.type=postgresql needs database.postgresql.host (the PostgreSQL server Muster connects to)" }}
{{- end }}
{{- if $v.existingSecret }}
{{- range $entry := include "muster.secretEntries" . | fromJsonArray }}
{{- if index $entry 3 }}
{{- fail (printf "existingSecret %q holds the credentials, so %s must stay empty: put it in that Secret under the key %q" $v.existingSecret (index $entry 0) (index $entry 1)) }}
{{- end }}
{{- end }}
{{- else if and $pg (not $v.auth.encryptionKey) }}
{{- fail "database.type=postgresql needs an encryption key that every replica shares: set auth.encryptionKey (openssl rand -base64 32) or existingSecret with the key encryption-key" }}
{{- end }}
{{- with $v.auth.encryptionKey }}
{{- if ne (len (b64dec .)) 32 }}
{{- fail "auth.encryptionKey must be 32 random bytes in base64 (openssl rand -base64 32)" }}
{{- end }}
{{- end }}
{{- if ne (empty $v.bootstrap.accessKeyId) (empty $v.bootstrap.secretAccessKey) }}
{{- fail "bootstrap.accessKeyId and bootstrap.secretAccessKey make one key pair: set both or neither" }}
{{- end }}
{{- if and (eq $v.stream.broker "kafka") (not $v.kafka.bootstrapServers) }}
{{- fail "stream.broker=kafka needs kafka.bootstrapServers" }}
{{- end }}
{{- if and (or (eq $v.stream.broker "rabbitmq") $v.events.enabled) (not $v.rabbitmq.host) }}
{{- fail "stream.broker=rabbitmq and events.enabled need rabbitmq.host" }}
{{- end }}
{{- if and $v.auth.oidc.enabled (or (not $v.auth.oidc.authServerUrl) (not $v.auth.oidc.clientId)) }}
{{- fail "auth.oidc.enabled needs auth.oidc.authServerUrl and auth.oidc.clientId" }}
{{- end }}
{{- if and $v.autoscaling.enabled (gt (int $v.autoscaling.minReplicas) (int $v.autoscaling.maxReplicas)) }}
{{- fail (printf "autoscaling.minReplicas (%d) is above autoscaling.maxReplicas (%d)" (int $v.autoscaling.minReplicas) (int $v.autoscaling.maxReplicas)) }}
{{- end }}
{{- if and $v.autoscaling.enabled (not $v.autoscaling.targetCPUUtilizationPercentage) (not $v.autoscaling.targetMemoryUtilizationPercentage) }}
{{- fail "autoscaling.enabled needs autoscaling.targetCPUUtilizationPercentage or autoscaling.targetMemoryUtilizationPercentage" }}
{{- end }}
{{- range $key, $_ := $v.extraProperties }}
{{- if regexMatch "(?i)(password|encryption-key|jaas|credentials\\.secret|secret-access-key|access-key-id)" $key }}
{{- fail (printf "extraProperties.%s looks like a secret and would land in a ConfigMap: give it through the Secret (existingSecret or the chart's secret values) or extraEnv with a secretKeyRef" $key) }}
{{- end }}
{{- end }}
{{- end }}
