#pragma once

#include "clusteroverview.h"

#include <QQmlEngine>

namespace binnacle {

// Hands the ClusterOverview that main.cpp created to QML as the singleton `Overview`.
struct OverviewSingleton {
    Q_GADGET
    QML_FOREIGN(binnacle::ClusterOverview)
    QML_SINGLETON
    QML_NAMED_ELEMENT(Overview)
public:
    static ClusterOverview* create(QQmlEngine*, QJSEngine*) {
        QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
        return s_instance;
    }
    static inline ClusterOverview* s_instance = nullptr;
};

} // namespace binnacle
