"""What Corvid Logistics' people write about, topic by topic (all invented for the demo)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TopicText:
    questions: tuple[tuple[str, str], ...]  # (title, body)
    answers: tuple[str, ...]
    chat: tuple[tuple[str, str], ...]  # (question, answer)
    docs: tuple[tuple[str, str], ...]  # (title, body)
    commits: tuple[tuple[str, tuple[str, ...]], ...]  # (message, files)
    tags: tuple[str, ...]


TEXT: dict[str, TopicText] = {
    "kubernetes": TopicText(
        questions=(
            (
                "Pod stuck in CrashLoopBackOff after the Helm upgrade",
                "Since this morning's Helm upgrade the tracking-api pod restarts every minute with "
                "CrashLoopBackOff. kubectl describe shows exit code 137. What should I look at?",
            ),
            (
                "How do I drain a Kubernetes node without downtime?",
                "We need to patch the worker nodes of the staging cluster. How do I drain a node "
                "so that the route-planner pods move without dropping requests?",
            ),
            (
                "Ingress returns 502 for the customer portal",
                "The nginx ingress controller returns 502 Bad Gateway for portal.corvid.example "
                "but the service responds when I port-forward. Any idea?",
            ),
            (
                "Which resource requests and limits should a Java service get?",
                "Our Spring services get OOMKilled under load. How should we size memory requests "
                "and limits for a JVM in a pod?",
            ),
            (
                "kubectl cannot reach the cluster after the VPN change",
                "After the VPN migration kubectl times out against the API server. Is there a new "
                "kubeconfig or a proxy to use?",
            ),
            (
                "Rolling back a bad deployment on the production cluster",
                "A deployment of the invoice service broke production. What is the fastest safe "
                "way to roll back a Kubernetes deployment to the previous ReplicaSet?",
            ),
            (
                "Horizontal pod autoscaler does not scale the worker pods",
                "The HPA for the label-printer workers stays at two replicas even when CPU is at "
                "90%. Are metrics-server and the HPA target configured correctly?",
            ),
        ),
        answers=(
            "Exit code 137 means the container was OOMKilled. Raise the memory limit in "
            "values.yaml of the Helm chart, and check kubectl top pod; the new release loads the "
            "whole route cache at start-up, which needs about 900Mi.",
            "Cordon the node first with kubectl cordon, then kubectl drain --ignore-daemonsets "
            "--delete-emptydir-data. A PodDisruptionBudget with minAvailable keeps enough "
            "replicas of the route-planner running while pods are evicted.",
            "A 502 from the ingress usually means the readiness probe fails or the Service port "
            "does not match the containerPort. Compare targetPort in the Service with the "
            "port the pod listens on, and look at the ingress-nginx controller logs.",
            "For the JVM set -XX:MaxRAMPercentage=75 and give the pod a memory request equal to "
            "its limit so it gets the Guaranteed QoS class. Start at 1Gi and watch the "
            "container_memory_working_set_bytes metric in Grafana.",
            "The API server moved behind the new VPN gateway. Run the cluster-login script in "
            "the platform repository; it writes a kubeconfig whose server is the internal "
            "load balancer address, and kubectl works again.",
            "kubectl rollout undo deployment/invoice-service goes back to the previous "
            "ReplicaSet in seconds. Afterwards pin the image tag in the Helm values so that "
            "Argo CD does not roll forward again.",
            "The HPA needs resource requests on the container to compute CPU utilisation. Your "
            "worker pods have no cpu request, so the HPA shows <unknown>. Add requests and "
            "check kubectl get hpa.",
        ),
        chat=(
            (
                "is anyone else seeing pods evicted on node pool b?",
                "yes, disk pressure on pool b: the image cache filled the node. I pruned images "
                "and added an eviction threshold to the kubelet config",
            ),
            (
                "how do I get a shell in the tracking-api pod?",
                "kubectl exec -it deploy/tracking-api -n tracking -- sh ; the image has no bash",
            ),
            (
                "can someone review my helm chart change for the portal?",
                "looked at it: move the resources block under the container and add a "
                "readinessProbe, otherwise the rollout never finishes",
            ),
            (
                "the cluster upgrade to 1.31 is scheduled for friday?",
                "yes, I will upgrade the control plane first, then the node pools one by one with "
                "surge upgrades so no workload goes down",
            ),
        ),
        docs=(
            (
                "Runbook: draining and upgrading cluster nodes",
                "This runbook describes how we drain Kubernetes worker nodes before patching. "
                "Cordon the node, drain it with --ignore-daemonsets, wait for the "
                "PodDisruptionBudgets, patch, uncordon. Upgrade node pools one at a time with a "
                "surge of one node.",
            ),
            (
                "Helm chart conventions",
                "Every service ships a Helm chart with resource requests and limits, liveness and "
                "readiness probes, a PodDisruptionBudget and a HorizontalPodAutoscaler. Values "
                "files per environment live next to the chart.",
            ),
            (
                "Debugging CrashLoopBackOff",
                "Read kubectl describe pod for the last state and exit code. 137 is OOMKilled, 1 "
                "is an application error: read the previous container logs with kubectl logs "
                "--previous. Check ConfigMaps and Secrets mounted by the deployment.",
            ),
        ),
        commits=(
            (
                "Add PodDisruptionBudget to route-planner chart",
                ("charts/route-planner/templates/pdb.yaml", "charts/route-planner/values.yaml"),
            ),
            (
                "Raise tracking-api memory limit to 1Gi (OOMKilled at start-up)",
                ("charts/tracking-api/values.yaml",),
            ),
            (
                "Fix ingress targetPort for customer portal",
                ("charts/portal/templates/service.yaml", "charts/portal/templates/ingress.yaml"),
            ),
            (
                "Add HPA with CPU requests for label-printer workers",
                ("charts/label-printer/templates/hpa.yaml", "charts/label-printer/values.yaml"),
            ),
            ("Kubelet eviction thresholds for node pool b", ("clusters/prod/node-pools.yaml",)),
            (
                "Cluster login script writes kubeconfig for the new VPN",
                ("scripts/cluster-login.sh",),
            ),
        ),
        tags=("kubernetes", "helm", "kubectl"),
    ),
    "postgresql": TopicText(
        questions=(
            (
                "Slow query on shipments table after the migration",
                "SELECT on shipments by customer_id takes 4 seconds since the migration. EXPLAIN "
                "shows a sequential scan. Did we lose an index?",
            ),
            (
                "How do we restore a PostgreSQL table from last night's backup?",
                "Someone deleted rows from the tariffs table. Can we restore just that table from "
                "the nightly pgBackRest backup?",
            ),
            (
                "Too many connections error from the billing service",
                "The billing service logs FATAL: sorry, too many clients already. Should we raise "
                "max_connections?",
            ),
            (
                "Autovacuum cannot keep up with the events table",
                "The events table is bloated and autovacuum runs all day. How should we tune it?",
            ),
            (
                "Upgrading PostgreSQL 14 to 16 with minimal downtime",
                "What is the plan to upgrade the main PostgreSQL cluster from 14 to 16?",
            ),
        ),
        answers=(
            "The migration recreated the table without the index on customer_id. Create it "
            "with CREATE INDEX CONCURRENTLY so writes are not blocked, then ANALYZE shipments; "
            "EXPLAIN should show an index scan again.",
            "Restore the backup to a scratch instance with pgBackRest --type=time and a target "
            "time before the delete, pg_dump only the tariffs table from there and load it back "
            "with pg_restore --data-only.",
            "Do not raise max_connections: put PgBouncer in transaction pooling mode in front "
            "of the database and cap the service's pool at 20. Each PostgreSQL backend costs "
            "memory.",
            "Lower autovacuum_vacuum_scale_factor to 0.02 on the events table and raise "
            "autovacuum_vacuum_cost_limit. Partitioning events by month lets us drop old "
            "partitions instead of deleting rows.",
            "Use logical replication to a new 16 cluster, let it catch up, then switch the "
            "PgBouncer target during a short write freeze. pg_upgrade --link is faster but "
            "needs downtime.",
        ),
        chat=(
            (
                "which replica should reporting queries use?",
                "use pg-replica-2: it is the one with hot_standby_feedback off, so long reports "
                "do not hold back vacuum on the primary",
            ),
            (
                "is the nightly backup verified?",
                "yes, pgBackRest verify runs after each backup and a restore test runs every "
                "sunday on the scratch instance",
            ),
        ),
        docs=(
            (
                "PostgreSQL operations handbook",
                "Backups run nightly with pgBackRest, with WAL archiving for point-in-time "
                "recovery. Connections go through PgBouncer. Indexes are created concurrently. "
                "Autovacuum is tuned per table for the large append-only tables.",
            ),
            (
                "Query tuning checklist",
                "Run EXPLAIN ANALYZE, look for sequential scans on large tables, check row "
                "estimates against actual rows, ANALYZE after bulk loads, and prefer partial "
                "indexes for status columns.",
            ),
        ),
        commits=(
            (
                "Add index on shipments.customer_id (concurrently)",
                ("db/migrations/0042_shipments_customer_idx.sql",),
            ),
            ("PgBouncer transaction pooling for billing", ("db/pgbouncer/pgbouncer.ini",)),
            ("Partition events table by month", ("db/migrations/0043_events_partitions.sql",)),
            ("Autovacuum settings for events", ("db/postgresql/tuning.conf",)),
        ),
        tags=("postgresql", "database", "sql"),
    ),
    "kafka": TopicText(
        questions=(
            (
                "Kafka consumer lag keeps growing on the tracking-events topic",
                "Lag on tracking-events grows by thousands of messages per minute. The consumer "
                "group has 3 members. How do we catch up?",
            ),
            (
                "Exactly-once delivery between Kafka and PostgreSQL",
                "We write tracking events from Kafka into PostgreSQL and get duplicates after "
                "rebalances. How do we get exactly-once?",
            ),
            (
                "How many partitions should a new Kafka topic have?",
                "I am creating the parcel-scans topic. How do I choose the partition count?",
            ),
            (
                "Schema Registry rejects the new Avro schema",
                "The producer fails with an incompatible schema error after adding a field.",
            ),
        ),
        answers=(
            "Consumers cannot be more than partitions: tracking-events has 3 partitions, so "
            "adding consumers will not help. Increase the partitions to 12 and scale the "
            "consumer group, and check max.poll.records for slow batches.",
            "Commit offsets in the same PostgreSQL transaction as the rows and store the "
            "offset per partition; on a rebalance the consumer seeks to the stored offset. "
            "Idempotent upserts on the event id also remove duplicates.",
            "Size partitions for the peak throughput you need divided by what one consumer "
            "handles, with headroom: for parcel-scans 12 partitions. Keying by parcel id keeps "
            "the order of scans per parcel.",
            "Adding a field is backward compatible only with a default value. Give the new Avro "
            "field a default, or set the subject's compatibility mode explicitly in the Schema "
            "Registry.",
        ),
        chat=(
            (
                "kafka broker 2 disk alert, should I worry?",
                "retention on the raw-scans topic is 30 days; I reduced it to 7 and the log "
                "cleaner freed the disk",
            ),
            (
                "how do I replay a day of tracking events?",
                "reset the consumer group offsets with kafka-consumer-groups --reset-offsets "
                "--to-datetime on a copy of the group, never on the live one",
            ),
        ),
        docs=(
            (
                "Kafka topic design guide",
                "Choose the key for ordering, the partition count for throughput, retention for "
                "replay needs. Every topic has an Avro schema in the Schema Registry with backward "
                "compatibility. Consumer groups commit offsets after processing.",
            ),
        ),
        commits=(
            ("Increase tracking-events partitions to 12", ("kafka/topics/tracking-events.yaml",)),
            (
                "Transactional offset storage in PostgreSQL sink",
                (
                    "services/event-sink/src/sink/offsets.py",
                    "services/event-sink/src/sink/writer.py",
                ),
            ),
            ("Avro schema: add default to parcel.weight", ("kafka/schemas/parcel-scan.avsc",)),
        ),
        tags=("kafka", "streaming", "avro"),
    ),
    "forecasting": TopicText(
        questions=(
            (
                "Which model for weekly parcel volume forecasting?",
                "We need a weekly forecast of parcel volumes per depot for staffing. Is a gradient "
                "boosting model better than Prophet here?",
            ),
            (
                "Forecast error exploded after the holiday season",
                "The MAPE of the depot volume forecast went from 8% to 30% in January. What "
                "happened?",
            ),
            (
                "How to evaluate a time series model without leakage?",
                "I used a random train/test split for our demand model and the results look too "
                "good. How should we validate?",
            ),
            (
                "Feature importance of the delivery delay model",
                "Management asks which features drive predicted delivery delays. How do we explain "
                "the gradient boosting model?",
            ),
        ),
        answers=(
            "With hundreds of depots a global LightGBM model on lagged volumes, calendar "
            "features and holidays beats one Prophet model per depot, and it trains in "
            "minutes. Keep a seasonal naive baseline to compare against.",
            "The model had no holiday features, so the peak weeks were learned as trend. Add "
            "holiday and promotion calendars as features and evaluate MAPE per week type.",
            "Never split time series randomly: use rolling-origin backtesting, training on the "
            "past and testing on the following weeks, so the model never sees the future.",
            "Use SHAP values on the gradient boosting model: a summary plot gives the global "
            "importance and a waterfall plot explains one delivery. Distance and depot load "
            "dominate.",
        ),
        chat=(
            (
                "can someone sanity check my forecast backtest?",
                "your backtest leaks: the rolling mean feature includes the target week. shift it "
                "by one week and rerun",
            ),
            (
                "where is the holiday calendar for the forecasting features?",
                "in the data-platform repo under features/calendars, one csv per country",
            ),
        ),
        docs=(
            (
                "Demand forecasting methodology",
                "Weekly parcel volume forecasts per depot use a global gradient boosting model "
                "with lag features, rolling statistics, calendar and holiday features. Models are "
                "validated with rolling-origin backtests against a seasonal naive baseline.",
            ),
        ),
        commits=(
            (
                "Holiday features for depot volume forecast",
                ("forecasting/features/calendar.py", "features/calendars/fr.csv"),
            ),
            ("Rolling-origin backtest for demand model", ("forecasting/evaluation/backtest.py",)),
            ("SHAP explanations for delivery delay model", ("forecasting/explain/shap_report.py",)),
        ),
        tags=("forecasting", "machine-learning", "time-series"),
    ),
    "payments": TopicText(
        questions=(
            (
                "Stripe webhook signature verification fails in staging",
                "Our payment webhooks fail signature verification in staging but work locally.",
            ),
            (
                "How are refunds reconciled with the ledger?",
                "Finance sees refunds in Stripe that are missing in our ledger. How does the "
                "reconciliation job match them?",
            ),
            (
                "Idempotency keys for retried payment requests",
                "A customer was charged twice after a timeout and a retry. How do we prevent "
                "double charges?",
            ),
        ),
        answers=(
            "The staging endpoint sits behind a proxy that re-encodes the body. Verify the "
            "signature against the raw request bytes, and use the staging webhook secret, not "
            "the live one.",
            "The nightly reconciliation job matches Stripe balance transactions to ledger "
            "entries by payment intent id; refunds created in the dashboard have no order "
            "reference, so they land in the manual review queue.",
            "Send an idempotency key derived from the order id with every payment intent "
            "request: Stripe returns the first result for a retried key instead of charging "
            "again.",
        ),
        chat=(
            (
                "are payouts delayed today?",
                "yes, the bank holiday in Sweden: payouts in SEK arrive tomorrow",
            ),
        ),
        docs=(
            (
                "Payments architecture",
                "Checkout creates Stripe payment intents with idempotency keys. Webhooks update "
                "order state after signature verification. A nightly job reconciles balance "
                "transactions with the ledger.",
            ),
        ),
        commits=(
            ("Verify webhook signatures on raw body", ("payments/webhooks/verify.java",)),
            ("Idempotency keys for payment intents", ("payments/checkout/PaymentService.java",)),
        ),
        tags=("payments", "stripe"),
    ),
    "security": TopicText(
        questions=(
            (
                "Où stocker les secrets des applications ?",
                "Nous avons encore des mots de passe dans des fichiers de configuration. Quelle "
                "est la règle pour stocker les secrets des applications ?",
            ),
            (
                "GDPR: how long may we keep delivery addresses?",
                "Support asks how long we can keep customer delivery addresses and phone numbers "
                "after the delivery.",
            ),
            (
                "Is SSO mandatory for new internal tools?",
                "We are buying a new SaaS tool for the support team. Does it have to use SSO?",
            ),
        ),
        answers=(
            "Les secrets vont dans le coffre Vault, jamais dans le dépôt ni dans les fichiers "
            "de configuration. Les applications les lisent au démarrage via l'agent Vault, et "
            "la rotation est automatique tous les 90 jours.",
            "Under our GDPR record of processing, delivery addresses are kept 13 months after "
            "delivery for claims, then pseudonymised. Phone numbers are deleted after 30 days.",
            "Yes: every tool that holds customer or employee data must use SSO with MFA, and "
            "the security review checks the data processing agreement before purchase.",
        ),
        chat=(
            (
                "phishing mail pretending to be from finance, what do I do?",
                "forward it as an attachment to security@ and delete it; do not click. merci !",
            ),
            (
                "la revue des accès, c'est lundi ? je dois préparer quoi ?",
                "oui, lundi : exporte la liste des comptes à privilèges de ton équipe et signale "
                "les départs, je révoque leurs accès pendant la revue",
            ),
        ),
        docs=(
            (
                "Politique de gestion des secrets",
                "Les secrets applicatifs sont stockés dans Vault. Aucun secret dans Git. Rotation "
                "tous les 90 jours. Accès selon le principe du moindre privilège et revue "
                "trimestrielle des accès.",
            ),
            (
                "GDPR retention schedule",
                "Delivery addresses: 13 months after delivery. Phone numbers: 30 days. Support "
                "tickets: 24 months. Pseudonymisation replaces deletion where claims need it.",
            ),
        ),
        commits=(("Read database password from Vault agent", ("deploy/vault/agent-config.hcl",)),),
        tags=("security", "gdpr", "secrets"),
    ),
    "mobile": TopicText(
        questions=(
            (
                "Push notifications not delivered on Android 14",
                "Drivers on Android 14 no longer receive delivery push notifications in the "
                "driver app.",
            ),
            (
                "React Native app crashes on startup after the upgrade",
                "After upgrading React Native to 0.74 the driver app crashes at launch on iOS.",
            ),
            (
                "How do we release a hotfix to the App Store quickly?",
                "A bug blocks scanning parcels in the driver app. How fast can we ship a fix?",
            ),
        ),
        answers=(
            "Android 13 and later need the POST_NOTIFICATIONS runtime permission. Request it "
            "at first launch; without it Firebase messages are silently dropped.",
            "The crash comes from a native module compiled against the old architecture. Run "
            "pod install again after the upgrade and bump react-native-vision-camera.",
            "Ship the fix as a phased release and ask for an expedited App Review; for "
            "JavaScript-only fixes our CodePush channel updates drivers within the hour.",
        ),
        chat=(
            (
                "driver app scanning is slow on older phones",
                "the camera frame processor runs on every frame; throttle it to 5 fps and scanning "
                "is smooth again",
            ),
        ),
        docs=(
            (
                "Driver app release process",
                "The driver app is built with React Native. Releases go through TestFlight and the "
                "Play Console internal track, then a phased rollout. JavaScript fixes can ship "
                "through CodePush.",
            ),
        ),
        commits=(
            (
                "Request POST_NOTIFICATIONS permission on Android 13+",
                (
                    "mobile/driver-app/android/app/src/main/AndroidManifest.xml",
                    "mobile/driver-app/src/notifications.ts",
                ),
            ),
            ("Throttle barcode frame processor", ("mobile/driver-app/src/scanner/Scanner.tsx",)),
        ),
        tags=("mobile", "react-native", "android"),
    ),
    "observability": TopicText(
        questions=(
            (
                "Prometheus alert for high error rate fires constantly",
                "The HighErrorRate alert pages us every night although nothing is broken.",
            ),
            (
                "How do we add a Grafana dashboard for a new service?",
                "I want a dashboard with latency and error rate for the tracking-api.",
            ),
        ),
        answers=(
            "The alert compares raw error counts; use a ratio of errors to requests over 10 "
            "minutes with a for: 15m clause, so a few night-time errors on low traffic do not "
            "page anyone.",
            "Dashboards are code: copy the service dashboard JSON in the observability repo, "
            "change the job label, and the Grafana provisioning picks it up on deploy.",
        ),
        chat=(
            (
                "grafana shows no data for tracking-api since the deploy",
                "the new pods lost the prometheus.io/scrape annotation; I added it back in the "
                "chart",
            ),
        ),
        docs=(
            (
                "Alerting guidelines",
                "Alerts page only for symptoms users feel: error ratio and latency SLOs with "
                "burn-rate windows. Every alert links to a runbook. Dashboards are provisioned "
                "from code.",
            ),
        ),
        commits=(
            ("Error-ratio alert with burn-rate windows", ("observability/alerts/slo.rules.yaml",)),
            ("Grafana dashboard for tracking-api", ("observability/dashboards/tracking-api.json",)),
        ),
        tags=("monitoring", "prometheus", "grafana"),
    ),
}

TEXT["edi"] = TopicText(
    questions=(
        (
            "EDI 214 status messages from the new carrier are rejected",
            "Our EDI gateway rejects the 214 shipment status messages from the new carrier with a "
            "segment terminator error. Who knows how our EDI mapping works?",
        ),
        (
            "How do we onboard a carrier on EDI?",
            "Sales signed a regional carrier that only exchanges EDI 204 load tenders. What are "
            "the steps to set up the trading partner?",
        ),
        (
            "EDI 990 responses arrive twice",
            "The carrier's 990 responses to our load tenders arrive twice and create duplicate "
            "bookings. Is this an EDI acknowledgement problem?",
        ),
    ),
    answers=(
        "The carrier sends a tilde as segment terminator while the gateway mapping expects a "
        "newline. Change the terminator in the trading partner profile of the EDI gateway.",
        "Create the trading partner with its ISA qualifiers, exchange test 204 tenders and 997 "
        "acknowledgements on the test channel, then switch the partner to production.",
        "Missing 997 functional acknowledgements make the carrier resend its 990. Enable "
        "automatic 997 generation for the partner and deduplicate on the tender id.",
    ),
    chat=(),
    docs=(),
    commits=(),
    tags=("edi", "carriers"),
)

COMMENTS = (
    "Thanks, that fixed it.",
    "Worked for me, thank you!",
    "Could you add the exact command you used?",
    "Is this documented somewhere in the wiki?",
    "That was it, the problem is gone.",
    "Merci, c'est réglé.",
)

GENERAL_CHAT = (
    "who is bringing cake on friday?",
    "the coffee machine on floor 2 is fixed",
    "reminder: all-hands at 4pm",
    "welcome to the team!",
)

# A second answer, by another person, for the questions that get one: keyed by question title.
SECOND_ANSWERS: dict[str, str] = {
    "Pod stuck in CrashLoopBackOff after the Helm upgrade": (
        "Also check the liveness probe: with the bigger route cache the start-up takes longer "
        "than initialDelaySeconds and the kubelet kills the pod. A startupProbe fixes that."
    ),
    "How do I drain a Kubernetes node without downtime?": (
        "Check the PodDisruptionBudgets before you start with kubectl get pdb -A: a budget that "
        "allows no disruption blocks the drain for ever. Ours allow one pod at a time."
    ),
    "Ingress returns 502 for the customer portal": (
        "Run kubectl get endpoints for the portal Service: an empty list means the Service "
        "selector does not match the pod labels, so the ingress has nowhere to send traffic."
    ),
    "Which resource requests and limits should a Java service get?": (
        "Leave room outside the heap: metaspace and thread stacks also count against the "
        "limit, which is why MaxRAMPercentage stays at 75 and not 95."
    ),
    "kubectl cannot reach the cluster after the VPN change": (
        "If the cluster-login script still times out, your VPN profile is the old one: "
        "re-import it from the IT portal, the API server only accepts the new address range."
    ),
    "Rolling back a bad deployment on the production cluster": (
        "Helm keeps the release history: helm history and helm rollback restore the last "
        "good release, including its ConfigMaps, which kubectl rollout undo does not."
    ),
    "Horizontal pod autoscaler does not scale the worker pods": (
        "Also check that metrics-server runs: kubectl top pods must show numbers. The target "
        "utilisation is computed against the requests, not the limits."
    ),
    "Slow query on shipments table after the migration": (
        "After the index, refresh the planner statistics too: the migration bulk-loaded the "
        "table, so run ANALYZE shipments or the planner keeps its old row estimates."
    ),
    "Too many connections error from the billing service": (
        "Our Airflow jobs opened one connection per task as well; moving them behind "
        "PgBouncer halved the number of connections on the primary."
    ),
    "Upgrading PostgreSQL 14 to 16 with minimal downtime": (
        "Before the switch, install the 16 builds of the extensions on the new cluster, and "
        "remember that logical replication does not copy sequences: set them after the catch-up."
    ),
    "Kafka consumer lag keeps growing on the tracking-events topic": (
        "Look at the processing time per batch too: the sink inserts rows one by one, and "
        "batching the inserts may win more than new partitions."
    ),
    "Exactly-once delivery between Kafka and PostgreSQL": (
        "Kafka transactions with read_committed consumers give exactly-once inside Kafka only; "
        "into PostgreSQL, storing the offsets in the same transaction is what works."
    ),
    "Schema Registry rejects the new Avro schema": (
        "You can test a schema before the deploy: post it to the Schema Registry's "
        "compatibility endpoint for the subject and it tells you whether it is compatible."
    ),
    "Which model for weekly parcel volume forecasting?": (
        "Whatever the model, report the error per depot size: a global model can look great "
        "on average and still be poor for the small depots."
    ),
    "How to evaluate a time series model without leakage?": (
        "Keep the features honest as well: every rolling statistic must be computed from the "
        "weeks before the forecast origin only."
    ),
    "Stripe webhook signature verification fails in staging": (
        "Also check the clock of the staging pods: Stripe rejects signatures whose timestamp "
        "is outside the five-minute tolerance, and staging had NTP disabled."
    ),
    "How are refunds reconciled with the ledger?": (
        "We now put the order reference in the refund metadata, so refunds created from now on "
        "match automatically; the old ones can be matched by charge id."
    ),
    "Idempotency keys for retried payment requests": (
        "From support: the customer was refunded the second charge the same day. Both charges "
        "show the same order id in the payments dashboard, so support can spot such cases."
    ),
    "React Native app crashes on startup after the upgrade": (
        "Meanwhile I paused the phased release in App Store Connect, so no more drivers get "
        "the crashing build until the fix ships."
    ),
    "How do we release a hotfix to the App Store quickly?": (
        "Tell the drivers to close and reopen the app after a CodePush update: the fix only "
        "applies at the next start."
    ),
    "Prometheus alert for high error rate fires constantly": (
        "I also added an inhibition rule: when the whole cluster is down, HighErrorRate is "
        "silenced and only the cluster alert pages."
    ),
    "How do we add a Grafana dashboard for a new service?": (
        "Add the team label in the dashboard JSON so it lands in your team's folder, and link "
        "it from the runbook of the service's alerts."
    ),
}

# Who asks a question, where the random draw would give an unlikely asker (by staff key).
ASKERS: dict[str, str] = {
    "Pod stuck in CrashLoopBackOff after the Helm upgrade": "e18",
    "How do I drain a Kubernetes node without downtime?": "e21",
    "Which resource requests and limits should a Java service get?": "e07",
    "Horizontal pod autoscaler does not scale the worker pods": "e03",
    "Exactly-once delivery between Kafka and PostgreSQL": "e06",
    "Schema Registry rejects the new Avro schema": "e21",
    "Feature importance of the delivery delay model": "e13",
    "Stripe webhook signature verification fails in staging": "e02",
    "How are refunds reconciled with the ledger?": "e14",
    "Push notifications not delivered on Android 14": "e19",
    "React Native app crashes on startup after the upgrade": "e16",
    "Prometheus alert for high error rate fires constantly": "e21",
    "How do we add a Grafana dashboard for a new service?": "e18",
    "EDI 214 status messages from the new carrier are rejected": "e17",
}

# Who opens a chat thread, where the random draw would give an unlikely person (by staff key).
CHAT_ASKERS: dict[str, str] = {
    "can someone sanity check my forecast backtest?": "e06",
    "the cluster upgrade to 1.31 is scheduled for friday?": "e21",
    "how do I replay a day of tracking events?": "e13",
    "which replica should reporting queries use?": "e05",
    "are payouts delayed today?": "e17",
    "la revue des accès, c'est lundi ? je dois préparer quoi ?": "e14",
    "can someone review my helm chart change for the portal?": "e18",
}

# Chat threads that belong at a given time (the work they talk about is dated in git).
CHAT_DATES: dict[str, str] = {
    "the cluster upgrade to 1.31 is scheduled for friday?": "2026-05-04T09:40:00+00:00",
    "is anyone else seeing pods evicted on node pool b?": "2025-03-20T14:10:00+00:00",
}
