#pragma once

// Request bodies captured from real kubectl v1.32.4 (`kubectl <command>` through a TLS proxy), and the JSON
// form of the same object: for the `create` commands it is kubectl's own `--dry-run=client -o json` output;
// for the others (no dry run exists) it is the decoder's output, checked by hand against Go's JSON encoding
// (omitempty, null for a zero metav1.Time and for nil slices without omitempty).
struct GoldenBody {
    const char* command;
    const char* hex;
    const char* json;
};

inline const GoldenBody goldenBodies[] =
    {
        {"create namespace",
         "6b3873000a0f0a02763112094e616d657370616365121b0a130a03666f6f12001a0022002a0032003800420012001a020a0"
         "01a002200",
         R"json({"apiVersion":"v1","kind":"Namespace","metadata":{"creationTimestamp":null,"name":"foo"},"spec":{},"status":{}})json"},
        {"create deployment --replicas=2",
         "6b3873000a150a07617070732f7631120a4465706c6f796d656e7412ab010a1f0a0377656212001a0022002a00320038004"
         "2005a0a0a036170701203776562127a0802120c0a0a0a0361707012037765621a600a1c0a0012001a0022002a0032003800"
         "42005a0a0a036170701203776562124012220a056e67696e7812056e67696e782a0042006a007200800100880100900100a"
         "201001a00320042004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c080010001800200028"
         "0038001a002200",
         R"json({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"creationTimestamp":null,"labels":{"app":"web"},"name":"web"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"strategy":{},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx","name":"nginx","resources":{}}]}}},"status":{}})json"},
        {"create configmap",
         "6b3873000a0f0a0276311209436f6e6669674d617012250a130a03636d3112001a0022002a0032003800420012060a01611"
         "2016212060a01631201641a002200",
         R"json({"apiVersion":"v1","data":{"a":"b","c":"d"},"kind":"ConfigMap","metadata":{"creationTimestamp":null,"name":"cm1"}})json"},
        {"create secret generic",
         "6b3873000a0c0a0276311206536563726574122b0a120a02733112001a0022002a0032003800420012130a0870617373776"
         "f7264120768756e746572321a001a002200",
         R"json({"apiVersion":"v1","data":{"password":"aHVudGVyMg=="},"kind":"Secret","metadata":{"creationTimestamp":null,"name":"s1"}})json"},
        {"create serviceaccount",
         "6b3873000a140a027631120e536572766963654163636f756e7412150a130a0373613112001a0022002a003200380042001"
         "a002200",
         R"json({"apiVersion":"v1","kind":"ServiceAccount","metadata":{"creationTimestamp":null,"name":"sa1"}})json"},
        {"create service clusterip",
         "6b3873000a0d0a027631120753657276696365126c0a210a047376633112001a0022002a003200380042005a0b0a0361707"
         "012047376633112430a1b0a0738302d38303830120354435018502207080010903f1a002800120b0a036170701204737663"
         "311a002209436c757374657249503a00420052005a00600068001a020a001a002200",
         R"json({"apiVersion":"v1","kind":"Service","metadata":{"creationTimestamp":null,"labels":{"app":"svc1"},"name":"svc1"},"spec":{"ports":[{"name":"80-8080","port":80,"protocol":"TCP","targetPort":8080}],"selector":{"app":"svc1"},"type":"ClusterIP"},"status":{"loadBalancer":{}}})json"},
        {"create job",
         "6b3873000a0f0a0862617463682f763112034a6f621284010a120a026a3112001a0022002a00320038004200126432620a1"
         "00a0012001a0022002a00320038004200124e122b0a026a31120762757379626f781a046563686f1a0268692a0042006a00"
         "7200800100880100900100a201001a054e65766572320042004a0052005800600068008201008a01009a0100c201001a082"
         "000280030003a001a002200",
         R"json({"apiVersion":"batch/v1","kind":"Job","metadata":{"creationTimestamp":null,"name":"j1"},"spec":{"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":[{"command":["echo","hi"],"image":"busybox","name":"j1","resources":{}}],"restartPolicy":"Never"}}},"status":{}})json"},
        {"create cronjob",
         "6b3873000a130a0862617463682f7631120743726f6e4a6f6212ac010a130a03636a3112001a0022002a003200380042001"
         "292010a0b2a2f31202a202a202a202a1a002a80010a130a03636a3112001a0022002a00320038004200126932670a100a00"
         "12001a0022002a003200380042001253122c0a03636a31120762757379626f781a046563686f1a0268692a0042006a00720"
         "0800100880100900100a201001a094f6e4661696c757265320042004a0052005800600068008201008a01009a0100c20100"
         "1a001a002200",
         R"json({"apiVersion":"batch/v1","kind":"CronJob","metadata":{"creationTimestamp":null,"name":"cj1"},"spec":{"jobTemplate":{"metadata":{"creationTimestamp":null,"name":"cj1"},"spec":{"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":[{"command":["echo","hi"],"image":"busybox","name":"cj1","resources":{}}],"restartPolicy":"OnFailure"}}}},"schedule":"*/1 * * * *"},"status":{}})json"},
        {"create role",
         "6b3873000a240a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311204526f6c6512290a120a02723"
         "112001a0022002a0032003800420012130a036765740a046c69737412001a04706f64731a002200",
         R"json({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"creationTimestamp":null,"name":"r1"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get","list"]}]})json"},
        {"create rolebinding", "6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b526f6c6542696e64696e67128a010a130a0372623112001a0022002a00320038004200122a0a04557365721219726261632e617574686f72697a6174696f6e2e6b38732e696f1a05616c696365220012200a0e536572766963654163636f756e7412001a03736131220764656661756c741a250a19726261632e617574686f72697a6174696f6e2e6b38732e696f1204526f6c651a0272311a002200", R"json({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"creationTimestamp":null,"name":"rb1"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"r1"},"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"alice"},{"kind":"ServiceAccount","name":"sa1","namespace":"default"}]})json"},
        {"create clusterrole",
         "6b3873000a2b0a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f7631120b436c7573746572526f6c651"
         "2360a130a0363723112001a0022002a00320038004200120e0a0367657412001a056e6f646573120f0a036765742a082f68"
         "65616c74687a1a002200",
         R"json({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"creationTimestamp":null,"name":"cr1"},"rules":[{"apiGroups":[""],"resources":["nodes"],"verbs":["get"]},{"nonResourceURLs":["/healthz"],"verbs":["get"]}]})json"},
        {"create clusterrolebinding",
         "6b3873000a320a1c726261632e617574686f72697a6174696f6e2e6b38732e696f2f76311212436c7573746572526f6c654"
         "2696e64696e6712710a140a046372623112001a0022002a00320038004200122a0a0547726f75701219726261632e617574"
         "686f72697a6174696f6e2e6b38732e696f1a046465767322001a2d0a19726261632e617574686f72697a6174696f6e2e6b3"
         "8732e696f120b436c7573746572526f6c651a036372311a002200",
         R"json({"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"creationTimestamp":null,"name":"crb1"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cr1"},"subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"devs"}]})json"},
        {"create quota",
         "6b3873000a130a027631120d5265736f7572636551756f746112410a120a02713112001a0022002a0032003800420012290"
         "a0a0a0363707512030a01310a0e0a066d656d6f727912040a0231470a0b0a04706f647312030a01321a001a002200",
         R"json({"apiVersion":"v1","kind":"ResourceQuota","metadata":{"creationTimestamp":null,"name":"q1"},"spec":{"hard":{"cpu":"1","memory":"1G","pods":"2"}},"status":{}})json"},
        {"create pdb --min-available",
         "6b3873000a200a09706f6c6963792f76311213506f6444697372757074696f6e427564676574123a0a140a0470646231120"
         "01a0022002a0032003800420012160a06080010011a00120c0a0a0a0361707012037765621a0a080018002000280030001a"
         "002200",
         R"json({"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"creationTimestamp":null,"name":"pdb1"},"spec":{"minAvailable":1,"selector":{"matchLabels":{"app":"web"}}},"status":{"currentHealthy":0,"desiredHealthy":0,"disruptionsAllowed":0,"expectedPods":0}})json"},
        {"create pdb --max-unavailable=50%",
         "6b3873000a200a09706f6c6963792f76311213506f6444697372757074696f6e427564676574123d0a140a0470646232120"
         "01a0022002a003200380042001219120c0a0a0a0361707012037765621a09080110001a033530251a0a0800180020002800"
         "30001a002200",
         R"json({"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"creationTimestamp":null,"name":"pdb2"},"spec":{"maxUnavailable":"50%","selector":{"matchLabels":{"app":"web"}}},"status":{"currentHealthy":0,"desiredHealthy":0,"disruptionsAllowed":0,"expectedPods":0}})json"},
        {"create ingress", "6b3873000a1f0a146e6574776f726b696e672e6b38732e696f2f76311207496e67726573731295010a140a04696e673112001a0022002a00320038004200127912120a07746c732e636f6d12076d792d636572741a2c0a07666f6f2e636f6d12210a1f0a1d0a042f626172120e220c0a047376633112040a0010501a0545786163741a2e0a07746c732e636f6d12230a210a1f0a012f121222100a047376633112080a046874747010001a0650726566697822056e67696e781a020a001a002200",
         R"json({"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"creationTimestamp":null,"name":"ing1"},"spec":{"ingressClassName":"nginx","rules":[{"host":"foo.com","http":{"paths":[{"backend":{"service":{"name":"svc1","port":{"number":80}}},"path":"/bar","pathType":"Exact"}]}},{"host":"tls.com","http":{"paths":[{"backend":{"service":{"name":"svc1","port":{"name":"http"}}},"path":"/","pathType":"Prefix"}]}}],"tls":[{"hosts":["tls.com"],"secretName":"my-cert"}]},"status":{"loadBalancer":{}}})json"},
        {"create priorityclass",
         "6b3873000a250a147363686564756c696e672e6b38732e696f2f7631120d5072696f72697479436c61737312270a130a037"
         "0633112001a0022002a0032003800420010e80718002204686967682a054e657665721a002200",
         R"json({"apiVersion":"scheduling.k8s.io/v1","description":"high","kind":"PriorityClass","metadata":{"creationTimestamp":null,"name":"pc1"},"preemptionPolicy":"Never","value":1000})json"},
        {"create token --duration",
         "6b3873000a280a1861757468656e7469636174696f6e2e6b38732e696f2f7631120c546f6b656e52657175657374121d0a1"
         "00a0012001a0022002a00320038004200120320901c1a040a0012001a002200",
         R"json({"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","metadata":{"creationTimestamp":null},"spec":{"audiences":null,"expirationSeconds":3600},"status":{"expirationTimestamp":null,"token":""}})json"},
        {"auth can-i get pods",
         "6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a65637441636365737"
         "3526576696577123c0a100a0012001a0022002a00320038004200121e0a1c0a0764656661756c7412036765741a0022002a"
         "04706f647332003a001a08080012001a0020001a002200",
         R"json({"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","metadata":{"creationTimestamp":null},"spec":{"resourceAttributes":{"namespace":"default","resource":"pods","verb":"get"}},"status":{"allowed":false}})json"},
        {"auth can-i --list",
         "6b3873000a310a17617574686f72697a6174696f6e2e6b38732e696f2f7631121653656c665375626a65637452756c65735"
         "2657669657712230a100a0012001a0022002a0032003800420012090a0764656661756c741a04180022001a002200",
         R"json({"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview","metadata":{"creationTimestamp":null},"spec":{"namespace":"default"},"status":{"incomplete":false,"nonResourceRules":null,"resourceRules":null}})json"},
        {"auth whoami",
         "6b3873000a2d0a1861757468656e7469636174696f6e2e6b38732e696f2f7631121153656c665375626a656374526576696"
         "577121a0a100a0012001a0022002a0032003800420012060a040a0012001a002200",
         R"json({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview","metadata":{"creationTimestamp":null},"status":{"userInfo":{}}})json"},
        {"create service loadbalancer (named targetPort)",
         "6b3873000a0d0a02763112075365727669636512730a1f0a036c623112001a0022002a003200380042005a0a0a036170701"
         "2036c6231124c0a220a093434332d6874747073120354435018bb03220b080110001a0568747470732800120a0a03617070"
         "12036c62311a00220c4c6f616442616c616e6365723a00420052005a00600068001a020a001a002200",
         R"json({"apiVersion":"v1","kind":"Service","metadata":{"creationTimestamp":null,"labels":{"app":"lb1"},"name":"lb1"},"spec":{"ports":[{"name":"443-https","port":443,"protocol":"TCP","targetPort":"https"}],"selector":{"app":"lb1"},"type":"LoadBalancer"},"status":{"loadBalancer":{}}})json"},
        {"auth can-i get /healthz", "6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577122f0a100a0012001a0022002a003200380042001211120f0a082f6865616c74687a12036765741a08080012001a0020001a002200", R"json({"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","metadata":{"creationTimestamp":null},"spec":{"nonResourceAttributes":{"path":"/healthz","verb":"get"}},"status":{"allowed":false}})json"},
        {"create token --bound-object",
         "6b3873000a280a1861757468656e7469636174696f6e2e6b38732e696f2f7631120c546f6b656e52657175657374122f0a1"
         "00a0012001a0022002a0032003800420012150a0261311a0f0a03506f64120276311a02703122001a040a0012001a00220"
         "0",
         R"json({"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","metadata":{"creationTimestamp":null},"spec":{"audiences":["a1"],"boundObjectRef":{"apiVersion":"v1","kind":"Pod","name":"p1"}},"status":{"expirationTimestamp":null,"token":""}})json"},
        {"drain --disable-eviction (DeleteOptions)",
         "6b3873000a130a027631120d44656c6574654f7074696f6e7312001a002200",
         R"json({"apiVersion":"v1","kind":"DeleteOptions"})json"},
        {"create deployment with two images and --port",
         "6b3873000a150a07617070732f7631120a4465706c6f796d656e7412e1010a210a047765623212001a0022002a003200380"
         "042005a0b0a0361707012047765623212ad010801120d0a0b0a036170701204776562321a91010a1d0a0012001a0022002a"
         "003200380042005a0b0a036170701204776562321270122e0a056e67696e7812056e67696e782a00320a0a0010001850220"
         "02a0042006a007200800100880100900100a2010012220a057265646973120572656469732a0042006a0072008001008801"
         "00900100a201001a00320042004a0052005800600068008201008a01009a0100c2010022020a00280038001a0c080010001"
         "8002000280038001a002200",
         R"json({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"creationTimestamp":null,"labels":{"app":"web2"},"name":"web2"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web2"}},"strategy":{},"template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web2"}},"spec":{"containers":[{"image":"nginx","name":"nginx","ports":[{"containerPort":80}],"resources":{}},{"image":"redis","name":"redis","resources":{}}]}}},"status":{}})json"},
};
