#pragma once

#include "clusterconnection.h"
#include "contextsmodel.h"
#include "informersubscription.h"

#include <QQmlEngine>

namespace binnacle {

// Hands the ClusterConnection that main.cpp created to QML as the singleton `Connection`.
struct ConnectionSingleton {
    Q_GADGET
    QML_FOREIGN(binnacle::ClusterConnection)
    QML_SINGLETON
    QML_NAMED_ELEMENT(Connection)
public:
    static ClusterConnection* create(QQmlEngine*, QJSEngine*) {
        QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
        return s_instance;
    }
    static inline ClusterConnection* s_instance = nullptr;
};

// Hands the ContextsModel that main.cpp created to QML as the singleton `Contexts`.
struct ContextsSingleton {
    Q_GADGET
    QML_FOREIGN(binnacle::ContextsModel)
    QML_SINGLETON
    QML_NAMED_ELEMENT(Contexts)
public:
    static ContextsModel* create(QQmlEngine*, QJSEngine*) {
        QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
        return s_instance;
    }
    static inline ContextsModel* s_instance = nullptr;
};

// A view's watch health (ResourceView.health) as a QML type, so that its properties are known to tooling.
struct InformerSubscriptionForeign {
    Q_GADGET
    QML_FOREIGN(binnacle::informers::InformerSubscription)
    QML_NAMED_ELEMENT(InformerSubscription)
    QML_UNCREATABLE("Owned by a resource view")
};

} // namespace binnacle
